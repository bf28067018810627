package cn.panzhihua.scoring.rulebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Lets tests in other packages edit the 2016 rulebook that {@link EditableRulesProfile} serves, and put it back. */
public final class EditableRulesAccess {

    private EditableRulesAccess() {
    }

    public static void edit(String file, UnaryOperator<String> change) throws IOException {
        Path path = EditableRulesProfile.RULES.resolve("2016").resolve(file);
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertNotEquals(before, after, "the edit of " + file + " changed nothing");
        Files.writeString(path, after, StandardCharsets.UTF_8);
    }

    public static void restore() throws IOException {
        EditableRulesProfile.copy(EditableRulesProfile.PRISTINE.resolve("2016"), EditableRulesProfile.RULES.resolve("2016"));
    }
}
