package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.rulebook.Rulebook;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;

/**
 * The head of a printed report, as an office issues it: who issues it, the document it applies
 * (number and title, from the rulebook), the year, and the date of the report (Beijing time).
 *
 * @param issuer   from the rulebook's {@code issuer} (rulebook.properties); empty when the rulebook names none
 */
public record TitleBlock(String issuer, String document, String title, int year, LocalDate date) {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public static TitleBlock of(Rulebook rulebook, int year, Instant generatedAt) {
        LocalDate date = LocalDate.ofInstant(generatedAt, BEIJING);
        if (rulebook == null) {
            return new TitleBlock("", "", "", year, date);
        }
        return new TitleBlock(issuer(rulebook), rulebook.document(), rulebook.title(), year, date);
    }

    /** 2017年1月15日, as a Chinese office dates a document. */
    public String dateText() {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** The basis line: 攀办函〔2016〕104号《2016年…考核》. */
    public String basis() {
        return document + (title.isBlank() ? "" : "《" + title + "》");
    }

    private static String issuer(Rulebook rulebook) {
        return rulebook.source().file("rulebook.properties").map(text -> {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties.getProperty("issuer", "").strip();
        }).orElse("");
    }
}
