package cn.panzhihua.scoring.audit;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Chain appends alone, without HTTP or rules (issue 15): callers append records of a real
 * response's size as fast as they can, with group commit off and on, through one writer or two
 * writers sharing the database (as two service instances do). What the chain-head lock and the
 * commit cost, apart from evaluating. benchmarks/records.sh appends runs it.
 *
 * <p>Usage: AppendBenchmark jdbcUrl user password callers seconds
 */
public final class AppendBenchmark {

    private AppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int callers = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        DataSource pool = pool(url, args[1], args[2], callers + 4);
        Flyway flyway = Flyway.configure().dataSource(pool).cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        String response = Files.readString(Path.of("src/test/resources/bench/evaluation.json")).repeat(12); // ~ a response with its trail
        System.out.printf(Locale.ROOT, "%-34s %8s %10s %9s %9s %12s%n", "setup", "callers", "records/s", "p50 ms", "p99 ms", "per commit");
        for (String setup : List.of("one writer, group commit off", "one writer, group commit on", "two writers, group commit on")) {
            boolean group = !setup.endsWith("off");
            int writers = setup.startsWith("two") ? 2 : 1;
            List<RecordWriter> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                RecordStore store = new RecordStore();
                store.dataSource = pool;
                RecordWriter writer = new RecordWriter();
                writer.store = store;
                writer.enabled = group;
                writer.maxRecords = 64;
                writer.maxWait = Duration.ZERO;
                writer.timeout = Duration.ofSeconds(60);
                writer.start();
                all.add(writer);
            }
            run(all, callers, 3, response); // warm-up
            long before = count(pool);
            long groups = distinctTimes(pool);
            long[] latencies = run(all, callers, seconds, response);
            long records = count(pool) - before;
            long commits = distinctTimes(pool) - groups;
            System.out.printf(Locale.ROOT, "%-34s %8d %10.0f %9.2f %9.2f %12s%n", setup, callers, records / (double) seconds,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                    String.format(Locale.ROOT, "%.1f records", records / (double) Math.max(1, commits)));
            all.forEach(w -> w.stop(null));
        }
        ChainVerifier verifier = new ChainVerifier();
        verifier.dataSource = pool;
        ChainVerification chain = verifier.verify();
        System.out.println("chain intact: " + chain.intact() + ", " + chain.recordsChecked() + " records");
    }

    private static long[] run(List<RecordWriter> writers, int callers, int seconds, String response) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            RecordWriter writer = writers.get(c % writers.size());
            futures.add(threads.submit(() -> {
                long[] took = new long[1 << 14];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    String id = UUID.randomUUID().toString();
                    writer.write(new Append(List.of(new RecordDraft(id, "bench", "市财政局", 2016, "2016-bench", null, "{}",
                            response.replace("市发展改革委", id))), null), "bench");
                    if (n == took.length) {
                        took = Arrays.copyOf(took, n * 2);
                    }
                    took[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(took, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get());
        }
        threads.shutdown();
        return parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }

    private static long count(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM decision_record")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Records of one transaction share their time to the millisecond: distinct times count commits (a floor). */
    private static long distinctTimes(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(DISTINCT recorded_at) FROM decision_record")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A fixed set of connections handed out and taken back (close() returns one), enough for a benchmark. */
    private static DataSource pool(String url, String user, String password, int size) throws Exception {
        BlockingQueue<Connection> free = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            free.add(DriverManager.getConnection(url, user, password));
        }
        return (DataSource) Proxy.newProxyInstance(AppendBenchmark.class.getClassLoader(), new Class<?>[]{DataSource.class}, (p, m, a) -> {
            if (m.getName().equals("getConnection")) {
                Connection real = free.take();
                real.setAutoCommit(true);
                return Proxy.newProxyInstance(AppendBenchmark.class.getClassLoader(), new Class<?>[]{Connection.class}, (cp, cm, ca) -> {
                    if (cm.getName().equals("close")) {
                        if (!real.getAutoCommit()) {
                            real.rollback();
                        }
                        free.add(real);
                        return null;
                    }
                    try {
                        return cm.invoke(real, ca);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
            }
            if (m.getName().equals("getLogWriter")) {
                return new PrintWriter(System.out);
            }
            if (m.getName().equals("getParentLogger")) {
                return Logger.getGlobal();
            }
            if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
                return m.getName().equals("isWrapperFor") ? false : null;
            }
            return null;
        });
    }
}
