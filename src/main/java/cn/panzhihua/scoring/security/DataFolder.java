package cn.panzhihua.scoring.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The data folder (decision records on H2, compiled rules) belongs to the service's user alone: a new
 * folder is made 0700 (files in it 0600); what exists loses every permission of group and others, and
 * keeps its owner's (a data folder made read-only stays read-only, so records fail as they should). The folder is made (or tightened) as the
 * application starts, before the database opens its files in it; what was created before with looser
 * permissions (an older version, a copy) is tightened too, and the log says so. Files created later
 * sit in folders no one else can enter.
 */
@ApplicationScoped
public class DataFolder {

    private static final Logger LOG = Logger.getLogger(DataFolder.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");

    @ConfigProperty(name = "data.dir")
    Path dir;

    /** Runs when the application context starts, ahead of start-up observers. */
    void early(@Observes @Initialized(ApplicationScoped.class) Object event) {
        secure(dir);
    }

    /** Again once start-up is done: files the database and the compiled-rules cache made while starting. */
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        secure(dir);
    }

    /**
     * Why nothing may be written to {@code folder} now, or null if it may: an operator made it
     * read-only (the owner's write permission removed) or the service's user cannot write it. The
     * embedded database keeps writing through the files it holds open whatever the folder's
     * permissions say (and a root user's writes pass them anyway), so the records code asks this
     * before every write and in its readiness probe (issue 18 §4).
     */
    public static String readOnly(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            return null;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    && !Files.getPosixFilePermissions(absolute).contains(PosixFilePermission.OWNER_WRITE)) {
                return "the data folder " + absolute + " is read-only (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(absolute))
                        + "): make it writable again (chmod u+w) for records to be stored";
            }
        } catch (IOException e) {
            return "the data folder " + absolute + " cannot be checked: " + e.getMessage();
        }
        return Files.isWritable(absolute) ? null : "the data folder " + absolute + " cannot be written by the service's user";
    }

    /** Makes {@code folder} if it is missing and leaves it, and everything in it, to its owner alone; returns how many entries it tightened. */
    public static int secure(Path folder) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return 0;
        }
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            if (!Files.exists(absolute)) {
                Path parent = absolute.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
                LOG.infof("data folder %s created, readable by the service's user only", absolute);
                return 0;
            }
            AtomicInteger tightened = new AtomicInteger();
            try (Stream<Path> paths = Files.walk(absolute)) {
                paths.forEach(path -> {
                    boolean folderEntry = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                    if (!folderEntry && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                        return; // links and the like are left alone
                    }
                    try {
                        // Group and others lose every permission; the owner's are left as they are, so a
                        // folder an operator made read-only (to stop records being written) stays so.
                        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                        Set<PosixFilePermission> wanted = java.util.EnumSet.noneOf(PosixFilePermission.class);
                        now.stream().filter(OWNER::contains).forEach(wanted::add);
                        if (!now.equals(wanted)) {
                            Files.setPosixFilePermissions(path, wanted);
                            tightened.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // a file of another user, or one deleted meanwhile: say so, do not stop the start
                        LOG.warnf("cannot restrict %s to the service's user: %s", path, e.getMessage());
                    }
                });
            }
            if (tightened.get() > 0) {
                LOG.infof("data folder %s: permissions of %d entries restricted to the service's user (group and others removed)",
                        absolute, tightened.get());
            }
            return tightened.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data folder " + absolute, e);
        } catch (UncheckedIOException e) {
            // a file disappeared while the folder was walked (the cache tidies itself): the next pass sees the rest
            LOG.debugf("data folder %s changed while its permissions were checked: %s", absolute, e.getMessage());
            return 0;
        }
    }
}
