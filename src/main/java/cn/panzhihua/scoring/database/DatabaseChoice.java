package cn.panzhihua.scoring.database;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Chooses the records database when the service starts, so one packaged application serves both:
 * both datasources are declared at build time, and the embedded H2 one is active only while no
 * PostgreSQL URL is configured (the PostgreSQL one is inactive without a URL by Quarkus's own rule).
 * An explicit {@code quarkus.datasource.active} still wins.
 */
@Priority(Priorities.APPLICATION + 100)
public class DatabaseChoice implements ConfigSourceInterceptor {

    static final String H2_ACTIVE = "quarkus.datasource.active";
    static final String POSTGRES_URL = "quarkus.datasource." + RecordsDataSource.POSTGRESQL + ".jdbc.url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !H2_ACTIVE.equals(name)) {
            return value;
        }
        ConfigValue url = context.proceed(POSTGRES_URL);
        boolean postgres = url != null && url.getValue() != null && !url.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(String.valueOf(!postgres))
                .withConfigSourceName(getClass().getSimpleName()).build();
    }
}
