package cn.panzhihua.scoring.facts;

import java.util.Locale;

/** The three assessments of 攀办函〔2016〕104号; their JSON names are the lower-case enum names. */
public enum Assessment {
    DISCLOSURE, EFFICIENCY, INFORMATION;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
