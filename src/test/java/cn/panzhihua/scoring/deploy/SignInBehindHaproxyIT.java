package cn.panzhihua.scoring.deploy;

import cn.panzhihua.scoring.security.ServiceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 §3 with what an operator runs: two instances of the packaged service under production
 * settings (a configured user with a hashed password, one shared service key, no session key set),
 * behind HAProxy with the repository's configuration (deploy/haproxy/haproxy.cfg), trusting it as
 * their one proxy. Clients connect to HAProxy from two loopback addresses, 127.0.0.2 (guessing) and
 * 127.0.0.3 (the person with the right password).
 * <ul>
 * <li>No start logs a session key, and a console login made on one instance opens pages on the other.</li>
 * <li>The guesser is locked on every instance; the person at the other address signs in on every one;
 * and an X-Forwarded-For the guesser writes itself changes nothing (HAProxy replaces it).</li>
 * </ul>
 */
class SignInBehindHaproxyIT {

    static final String HAPROXY = "/usr/sbin/haproxy";
    static final String PASSWORD = "Clerk-password-2026";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final List<PackagedService> instances = new ArrayList<>();
    Process haproxy;

    /** One HTTP/1.1 exchange over a socket bound to a chosen local address. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    static Answer send(String from, int port, String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, List<String>> parsed = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                parsed.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), parsed, text.substring(end + 4));
        }
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signInBehindTheBalancer() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(HAPROXY)) || "true".equals(System.getenv("CI")), HAPROXY + " is missing");
        Path dir = Path.of("target", "sign-in-haproxy").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        Path key = dir.resolve("service-key.pem");
        ServiceKey.generate("SignInBehindHaproxyIT").write(key);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest(("clerk:Quarkus:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        for (int i = 1; i <= 2; i++) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("service.key-file", key.toString());
            p.put("data.dir", dir.resolve("data" + i).toString());
            p.put("rules.dir", Path.of(System.getProperty("rules.dir", "rules-drl")).toAbsolutePath().toString());
            p.put("quarkus.security.users.embedded.users.clerk", hash);
            p.put("quarkus.security.users.embedded.roles.clerk", "auditor");
            p.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            p.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
            p.put("rules.watch.enabled", "false");
            instances.add(new PackagedService("app" + i, PackagedService.freePort(), dir.resolve("app" + i + ".log"), p, Map.of()));
        }
        for (PackagedService instance : instances) {
            instance.start();
        }
        for (PackagedService instance : instances) {
            instance.awaitReady(http);
        }
        int port = PackagedService.freePort();
        ProcessBuilder builder = new ProcessBuilder(HAPROXY, "-db", "-f", Path.of("deploy/haproxy/haproxy.cfg").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile());
        builder.environment().put("BIND", "127.0.0.1:" + port);
        builder.environment().put("APP1", "127.0.0.1:" + instances.get(0).port);
        builder.environment().put("APP2", "127.0.0.1:" + instances.get(1).port);
        builder.environment().put("APP3", "127.0.0.1:" + instances.get(1).port);
        haproxy = builder.start();
        awaitBalancer(port);

        // 1. No production start logs a session key.
        for (PackagedService instance : instances) {
            String log = Files.readString(instance.log, StandardCharsets.UTF_8);
            assertFalse(log.toLowerCase(java.util.Locale.ROOT).contains("encryption key"), instance.name + " logged a key:\n" + log);
            assertFalse(log.contains("temporary key"), instance.name);
        }

        // 2. A console login on app1 opens pages on app2: both derive the session key from the one service key.
        Answer login = send("127.0.0.3", instances.get(0).port, "POST", "/j_security_check",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "j_username=clerk&j_password=" + PASSWORD);
        assertEquals(302, login.status(), login.body());
        String cookie = login.headers().get("set-cookie").stream().filter(c -> c.startsWith("quarkus-credential=")).findFirst().orElseThrow();
        String attributes = cookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(attributes.contains("httponly") && attributes.contains("samesite=strict"), cookie);
        Answer other = send("127.0.0.3", instances.get(1).port, "GET", "/console/chain", Map.of("Cookie", cookie.split(";")[0]), null);
        assertEquals(200, other.status(), "app2 accepts app1's session: " + other.status() + " " + other.header("Location"));
        assertTrue(other.body().contains("clerk"), "the page names who is signed in");

        // 3. Through HAProxy: 127.0.0.2 guesses; with round robin every instance sees at least 5 of 20 failures.
        for (int i = 0; i < 20; i++) {
            int status = send("127.0.0.2", port, "GET", "/api/v1/audit/verify", basic("clerk", "guess-" + i), null).status();
            assertTrue(status == 401 || status == 429, "guess " + i + ": " + status);
        }
        for (int i = 0; i < 4; i++) {
            Answer locked = send("127.0.0.2", port, "GET", "/api/v1/audit/verify", basic("clerk", PASSWORD), null);
            assertEquals(429, locked.status(), "the guesser's address is locked on " + locked.header("X-Served-By"));
            assertTrue(locked.body().contains("from address 127.0.0.2 is locked"), locked.body());
            Map<String, String> spoofed = new LinkedHashMap<>(basic("clerk", PASSWORD));
            spoofed.put("X-Forwarded-For", "127.0.0." + (50 + i));
            assertEquals(429, send("127.0.0.2", port, "GET", "/api/v1/audit/verify", spoofed, null).status(),
                    "a forwarded address the client wrote itself is dropped by HAProxy");
            Answer person = send("127.0.0.3", port, "GET", "/api/v1/audit/verify", basic("clerk", PASSWORD), null);
            assertEquals(200, person.status(), "the person at another address signs in on " + person.header("X-Served-By"));
        }
        // and the failures were logged with the client's address as HAProxy saw it
        String logs = Files.readString(instances.get(0).log) + Files.readString(instances.get(1).log);
        assertTrue(logs.contains("failed sign-in: user 'clerk' from 127.0.0.2 (basic"), "failures logged per address");
        assertFalse(logs.contains("guess-"), "no password in the log");
    }

    private void awaitBalancer(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < 3; i++) {
                    Answer a = send("127.0.0.3", port, "GET", "/api/v1/ping", Map.of(), null);
                    if (a.status() == 200 && a.header("X-Served-By") != null) {
                        seen.add(a.header("X-Served-By"));
                    }
                }
                if (seen.size() == 3) {
                    return;
                }
            } catch (IOException notYet) {
                // HAProxy still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("HAProxy did not reach both instances");
    }

    @AfterEach
    void stopAll() throws Exception {
        for (PackagedService instance : instances) {
            instance.stop();
        }
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
