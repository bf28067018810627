package cn.panzhihua.scoring.campaign;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The date the assessment year's deadlines are judged by: the server's, in the city's time zone
 * (a deadline is a calendar day in Panzhihua, whatever zone the host runs in). Tests move it.
 */
@ApplicationScoped
public class CampaignClock {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    private volatile Clock clock = Clock.system(CITY);

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Tests only: judge deadlines by this clock from now on. */
    public void use(Clock clock) {
        this.clock = clock.withZone(CITY);
    }
}
