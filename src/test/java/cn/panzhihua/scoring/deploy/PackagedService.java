package cn.panzhihua.scoring.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of the packaged service (target/quarkus-app) started as its own process on a free
 * loopback port, with its log in a file: what an operator runs, not the test framework's build.
 */
final class PackagedService {

    static final Duration READY_WITHIN = Duration.ofSeconds(180);

    final String name;
    final int port;
    final Path log;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    /** JVM options: small and quick to start by default (several instances share two cores in tests). */
    List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private Process process;
    private int starts;

    PackagedService(String name, int port, Path log, Map<String, String> properties, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.properties = new LinkedHashMap<>(properties);
        this.environment = environment;
    }

    /** Demo profile (a generated service key, development users), this port, the given data folder and rules. */
    static Map<String, String> demo(Path data, Path keyFile, Path rules) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.profile", "demo");
        p.put("service.key-file", keyFile.toString());
        p.put("data.dir", data.toString());
        p.put("rules.dir", rules.toString());
        return p;
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    PackagedService start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(jvm);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.addAll(List.of("-jar", System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Files.writeString(log, "==== start " + (++starts) + " of " + name + " ====\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        return this;
    }

    /** Waits until /q/health/ready answers 200; fails with the log's tail if the process exits or takes too long. */
    PackagedService awaitReady(HttpClient http) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " was not ready within " + READY_WITHIN + ":\n" + tail());
    }

    /** SIGKILL: no shutdown hook, no flush, connections cut mid-request. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops a container; returns the exit code. */
    int stop() throws InterruptedException {
        return signal("TERM");
    }

    /** Sends a signal by name (TERM, INT: Ctrl-C) and waits for the process to end; returns the exit code. */
    int signal(String name) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        if (name.equals("TERM")) {
            process.destroy();
        } else {
            try {
                new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
