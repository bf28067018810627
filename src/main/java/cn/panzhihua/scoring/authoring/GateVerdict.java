package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.rulebook.CompiledRulesCache;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Verification;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate's verdict on one rulebook, kept by the service for itself: that these very files
 * (scenarios included), compiled into these very packages by this very build, passed every
 * scenario, with the scenarios that exercised each rule. The gate is deterministic in those inputs,
 * so a restart that finds a verdict for them, authenticated with the service key like the compiled
 * packages it names, need not run the scenarios again to know their outcome; anything else (an
 * edited file, a recompiled package, another build, a verdict the service did not write) runs the
 * whole gate. Stored as JSON, never as Java objects.
 */
final class GateVerdict {

    private static final ObjectMapper MAPPER = JsonSetup.mapper();

    /** Scenarios listed once; per rule, the indexes of those that exercised it (a verdict stays small). */
    record Stored(String version, int scenariosRun, List<Verification.ScenarioRef> scenarios, Map<String, List<Integer>> exercisedBy,
                  Instant at, long millis) {
    }

    private GateVerdict() {
    }

    /** The key a verdict is kept under: the rulebook's files, its compiled packages and the build. */
    static String key(CompiledRulesCache cache, Rulebook rulebook) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("gate-verdict\0" + cache.build() + "\0" + rulebook.source().fullSha256() + "\0").getBytes(StandardCharsets.UTF_8));
            sha.update(String.join(",", rulebook.packageKeys()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void keep(CompiledRulesCache cache, Rulebook rulebook, Verification verification) {
        if (rulebook.packageKeys().isEmpty()) {
            return; // compiled with a cross-package fallback: nothing names its packages, so nothing to bind a verdict to
        }
        try {
            List<Verification.ScenarioRef> scenarios = new java.util.ArrayList<>();
            Map<Verification.ScenarioRef, Integer> index = new java.util.HashMap<>();
            Map<String, List<Integer>> byRule = new LinkedHashMap<>();
            verification.exercisedBy().forEach((rule, refs) -> byRule.put(rule, refs.stream()
                    .map(r -> index.computeIfAbsent(r, x -> {
                        scenarios.add(x);
                        return scenarios.size() - 1;
                    })).toList()));
            Stored stored = new Stored(verification.version(), verification.scenariosRun(), scenarios, byRule, verification.at(),
                    verification.millis());
            cache.keepRecord(key(cache, rulebook), MAPPER.writeValueAsBytes(stored));
        } catch (IOException e) {
            // only a restart's speed is at stake
        }
    }

    static Optional<Verification> find(CompiledRulesCache cache, Rulebook rulebook) {
        if (rulebook.packageKeys().isEmpty()) {
            return Optional.empty();
        }
        return cache.findRecord(key(cache, rulebook)).flatMap(bytes -> {
            try {
                Stored stored = MAPPER.readValue(bytes, Stored.class);
                if (!rulebook.version().equals(stored.version())) {
                    return Optional.empty();
                }
                Map<String, List<Verification.ScenarioRef>> byRule = new LinkedHashMap<>();
                stored.exercisedBy().forEach((rule, indexes) -> byRule.put(rule, indexes.stream().map(stored.scenarios()::get).toList()));
                return Optional.of(new Verification(stored.version(), stored.scenariosRun(), byRule, stored.at(), stored.millis()));
            } catch (IOException | IndexOutOfBoundsException e) {
                return Optional.empty();
            }
        });
    }
}
