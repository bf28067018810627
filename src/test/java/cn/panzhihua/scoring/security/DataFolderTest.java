package cn.panzhihua.scoring.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataFolderTest {

    static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewFolderIsTheOwnersAlone(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("a/data");
        DataFolder.secure(data);
        assertEquals("rwx------", permissions(data));
    }

    @Test
    void anExistingFolderIsTightened(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path cache = Files.createDirectory(data.resolve("compiled-rules"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Path db = Files.writeString(data.resolve("records.mv.db"), "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Path packages = Files.writeString(cache.resolve("2016.packages"), "x");
        Files.setPosixFilePermissions(packages, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(4, DataFolder.secure(data));
        assertEquals("rwx------", permissions(data));
        assertEquals("rwx------", permissions(cache));
        assertEquals("rw-------", permissions(db));
        assertEquals("rw-------", permissions(packages));
        assertEquals(0, DataFolder.secure(data));
    }

    @Test
    void aFolderMadeReadOnlyStaysReadOnly(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("records.mv.db"), "x");
        Files.setPosixFilePermissions(data.resolve("records.mv.db"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        assertEquals(2, DataFolder.secure(data));
        assertEquals("r-x------", permissions(data), "group and others lose theirs; the owner gains nothing");
        assertEquals("r--------", permissions(data.resolve("records.mv.db")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    }
}
