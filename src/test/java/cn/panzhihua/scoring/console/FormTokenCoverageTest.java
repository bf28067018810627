package cn.panzhihua.scoring.console;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import org.jboss.resteasy.reactive.RestForm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every form the console accepts takes the form token (issue 18 §3): a new page's POST without it
 * fails here, before a cross-site form could reach it. The check itself is in FormToken and is
 * exercised over HTTP by ConsolePagesTest and YearPagesAccessTest.
 */
class FormTokenCoverageTest {

    @Test
    void everyConsolePostTakesTheFormToken() throws IOException, ClassNotFoundException {
        List<String> posts = new ArrayList<>();
        List<String> without = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/cn/panzhihua/scoring/console"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = source.getFileName().toString().replace(".java", "");
                for (Method method : Class.forName("cn.panzhihua.scoring.console." + name).getDeclaredMethods()) {
                    if (method.isAnnotationPresent(POST.class)) {
                        posts.add(name + "." + method.getName());
                        if (!takesToken(method)) {
                            without.add(name + "." + method.getName());
                        }
                    }
                }
            }
        }
        assertTrue(posts.size() >= 13, "the console's forms were found: " + posts);
        assertEquals(List.of(), without, "console POSTs without the form-token parameter");
    }

    private static boolean takesToken(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if ((a instanceof FormParam f && f.value().equals(FormToken.FIELD)) || (a instanceof RestForm r && r.value().equals(FormToken.FIELD))) {
                    return true;
                }
            }
        }
        return false;
    }
}
