package cn.panzhihua.scoring.campaign;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data folder of its own for each run (a year is opened once per database), and a unit user for
 * every unit of table C: {@code u01} … {@code u72} in the order of units.tsv, password {@code <user>-dev}.
 */
public class CampaignProfile implements QuarkusTestProfile {

    /** The units of the 2016 table C, in file order. */
    static List<String> units() {
        try {
            List<String> units = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("rules-drl/2016/units.tsv"), StandardCharsets.UTF_8)) {
                if (!line.startsWith("#") && !line.startsWith("name\t") && !line.isBlank()) {
                    units.add(line.split("\t")[0]);
                }
            }
            return units;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String user(int index) {
        return String.format("u%02d", index + 1);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("data.dir", "./target/campaign-test-" + UUID.randomUUID());
        // the compiled rules are shared with the other tests: compiling them again would take minutes
        config.put("rules.cache.dir", "./target/test-data/compiled-rules");
        List<String> units = units();
        for (int i = 0; i < units.size(); i++) {
            config.put("quarkus.security.users.embedded.users." + user(i), user(i) + "-dev");
            config.put("quarkus.security.users.embedded.roles." + user(i), "unit");
            config.put("campaign.unit-users." + user(i), units.get(i));
        }
        return config;
    }

    /** The same settings on another database (each test class that opens a year needs its own). */
    public static class Separate extends CampaignProfile {
    }
}
