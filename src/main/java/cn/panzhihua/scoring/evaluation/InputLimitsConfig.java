package cn.panzhihua.scoring.evaluation;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's {@link InputLimits}, from the {@code limits.*} settings. */
@ApplicationScoped
public class InputLimitsConfig {

    @ConfigProperty(name = "limits.body", defaultValue = "1M")
    MemorySize body;

    @ConfigProperty(name = "limits.batch-body", defaultValue = "4M")
    MemorySize batchBody;

    @ConfigProperty(name = "limits.batch-items", defaultValue = "200")
    int batchItems;

    @ConfigProperty(name = "limits.adoptions", defaultValue = "2000")
    int adoptions;

    @ConfigProperty(name = "limits.findings", defaultValue = "500")
    int findings;

    @ConfigProperty(name = "limits.self-scores", defaultValue = "100")
    int selfScores;

    @ConfigProperty(name = "limits.note-length", defaultValue = "2000")
    int noteLength;

    @ConfigProperty(name = "limits.title-length", defaultValue = "500")
    int titleLength;

    @ConfigProperty(name = "limits.count", defaultValue = "1000")
    int count;

    @ConfigProperty(name = "limits.decimal-places", defaultValue = "6")
    int decimalPlaces;

    @ConfigProperty(name = "limits.decimal-digits", defaultValue = "15")
    int decimalDigits;

    @Produces
    @Singleton
    InputLimits limits() {
        return new InputLimits(body.asLongValue(), batchBody.asLongValue(), batchItems, adoptions, findings, selfScores, noteLength, titleLength,
                count, decimalPlaces, decimalDigits);
    }
}
