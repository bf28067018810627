package cn.panzhihua.scoring.rulebook;

import java.net.URL;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The class loader rulebooks are compiled with: the application's own, but it remembers which
 * names load and which do not. Drools resolves every name a DRL mentions (imports, types, and each
 * metadata key such as {@code @clause}, tried as an annotation class) against every import, so a
 * compile asks for hundreds of classes that do not exist. Quarkus's packaged class loader answers
 * each miss by opening jar files again; that was most of the time a compile took (seconds, at start
 * and on every reload). The application's classes do not change while it runs, so the answers keep
 * (for class names and for the {@code .class} resources the Java compiler reads).
 * Classes the compiler generates for a rulebook are defined below this loader, never in it.
 */
final class RememberingClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final Object MISSING = new Object();
    private static volatile RememberingClassLoader current;

    private final ConcurrentMap<String, Object> answers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> resources = new ConcurrentHashMap<>();

    private RememberingClassLoader(ClassLoader parent) {
        super(parent);
    }

    /** The one for the application's class loader (a new one if that changed, as in Quarkus dev mode). */
    static ClassLoader forApplication() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        if (application == null) {
            application = RememberingClassLoader.class.getClassLoader();
        }
        RememberingClassLoader loader = current;
        if (loader == null || loader.getParent() != application) {
            loader = new RememberingClassLoader(application);
            current = loader;
        }
        return loader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Object answer = answers.get(name);
        if (answer == MISSING) {
            throw new ClassNotFoundException(name);
        }
        if (answer != null) {
            return (Class<?>) answer;
        }
        try {
            Class<?> loaded = getParent().loadClass(name);
            answers.put(name, loaded);
            return loaded;
        } catch (ClassNotFoundException e) {
            answers.put(name, MISSING);
            throw e;
        }
    }

    /** The Java compiler looks types up as {@code .class} resources, mostly misses too. */
    @Override
    public URL getResource(String name) {
        Object answer = resources.get(name);
        if (answer == null) {
            URL found = getParent().getResource(name);
            answer = found == null ? MISSING : found;
            resources.put(name, answer);
        }
        return answer == MISSING ? null : (URL) answer;
    }
}
