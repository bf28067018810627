package cn.panzhihua.scoring.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator for a running service on this machine: N connections, each
 * sending its next request as soon as the previous answer arrives, for a fixed time after a warm-up.
 * Prints requests per second, p50 and p99 latency, and errors, one line per (target, connections).
 *
 * <pre>HttpLoad http://127.0.0.1:8080 seconds=10 warmup=5 connections=1,16,64 body=request.json</pre>
 * Targets: the trivial endpoint GET /api/v1/ping (the framework's ceiling), POST /api/v1/evaluations
 * with ?record=false, and with recording.
 *
 * <p>With {@code rates=500,1000,…} it instead offers evaluations (no record) at those fixed rates over
 * the given connections (open loop, as wrk2 does): each connection sends on its own schedule, and a
 * request's latency counts from when it was due, so an answer that comes late also charges the
 * requests that waited behind it. That is the latency callers see at a load the service carries;
 * a closed loop at saturation only measures the queue it builds itself (Little's law).
 */
public final class HttpLoad {

    record Target(String name, String method, String path) {
    }

    record Result(String target, int connections, long requests, long errors, double seconds, double p50ms, double p99ms) {
        double rate() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int seconds = Integer.parseInt(option(args, "seconds", "10"));
        int warmup = Integer.parseInt(option(args, "warmup", "5"));
        int[] connections = Arrays.stream(option(args, "connections", "1,16,64").split(",")).mapToInt(Integer::parseInt).toArray();
        String body = Files.readString(Path.of(option(args, "body", "src/test/resources/bench/evaluation.json")), StandardCharsets.UTF_8);
        String rates = option(args, "rates", "");
        if (!rates.isEmpty()) {
            // path=/api/v1/evaluations measures recorded evaluations at a fixed rate (benchmarks/records.sh)
            String path = option(args, "path", "/api/v1/evaluations?record=false");
            Target evaluate = new Target(path.contains("record=false") ? "evaluate, no record" : "evaluate, recorded", "POST", path);
            System.out.printf(Locale.ROOT, "%-22s %5s %8s %10s %9s %9s %7s%n", "target", "conns", "offered", "req/s", "p50 ms", "p99 ms", "errors");
            for (int n : connections) {
                for (String rate : rates.split(",")) {
                    run(base, evaluate, body, n, warmup, Double.parseDouble(rate));
                    Result result = run(base, evaluate, body, n, seconds, Double.parseDouble(rate));
                    System.out.printf(Locale.ROOT, "%-22s %5d %8s %10.0f %9.2f %9.2f %7d%n", result.target(), n, rate, result.rate(),
                            result.p50ms(), result.p99ms(), result.errors());
                }
            }
            return;
        }
        List<Target> targets = List.of(new Target("ping (ceiling)", "GET", "/api/v1/ping"),
                new Target("evaluate, no record", "POST", "/api/v1/evaluations?record=false"),
                new Target("evaluate, recorded", "POST", "/api/v1/evaluations"));
        System.out.printf(Locale.ROOT, "%-22s %5s %10s %9s %9s %7s%n", "target", "conns", "req/s", "p50 ms", "p99 ms", "errors");
        List<Result> results = new ArrayList<>();
        for (int n : connections) {
            for (Target target : targets) {
                run(base, target, body, n, warmup, 0);
                Result result = run(base, target, body, n, seconds, 0);
                results.add(result);
                System.out.printf(Locale.ROOT, "%-22s %5d %10.0f %9.2f %9.2f %7d%n", result.target(), n, result.rate(),
                        result.p50ms(), result.p99ms(), result.errors());
            }
            double ceiling = results.get(results.size() - 3).rate();
            System.out.printf(Locale.ROOT, "  evaluations / trivial at %d connections: %.0f%% (no record), %.0f%% (recorded)%n", n,
                    100 * results.get(results.size() - 2).rate() / ceiling, 100 * results.get(results.size() - 1).rate() / ceiling);
        }
    }

    /** A closed loop when {@code rate} is 0, else requests offered at {@code rate} per second in all. */
    static Result run(String base, Target target, String body, int connections, int seconds, double rate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long begin = System.nanoTime();
        long end = begin + Duration.ofSeconds(seconds).toNanos();
        long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0;
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long offset = interval * c / connections; // connections take turns, not all at once
            workers.add(pool.submit(() -> {
                // One keep-alive connection per worker, as a pool of callers would have.
                KeepAliveConnection connection = new KeepAliveConnection(base, target.method(), target.path(),
                        target.method().equals("GET") ? null : body);
                long[] latencies = new long[1 << 16];
                int count = 0;
                long due = begin + offset;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    if (interval > 0) {
                        if (due >= end) {
                            break;
                        }
                        if (due > start) {
                            java.util.concurrent.locks.LockSupport.parkNanos(due - start);
                        }
                        start = due; // from when it was due: waiting for a late answer is latency too
                        due += interval;
                    }
                    int status = connection.exchange();
                    long took = System.nanoTime() - start;
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                connection.close();
                return Arrays.copyOf(latencies, count);
            }));
        }
        long started = System.nanoTime();
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(target.name(), connections, merged.length, errors.get(), elapsed,
                percentile(merged, 0.50), percentile(merged, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
