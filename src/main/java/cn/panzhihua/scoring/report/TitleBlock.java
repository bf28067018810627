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
 * @param issued   the document's issuing date ({@code issued}); null when the rulebook gives none
 * @param signoff  the blocks an office signs ({@code signoff}: 经办人, 审核人, 签发人), in order
 * @param seal     the words of the seal area ({@code seal}); empty for none
 */
public record TitleBlock(String issuer, String document, String title, int year, LocalDate date, LocalDate issued,
                         java.util.List<String> signoff, String seal) {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public static TitleBlock of(Rulebook rulebook, int year, Instant generatedAt) {
        LocalDate date = LocalDate.ofInstant(generatedAt, BEIJING);
        if (rulebook == null) {
            return new TitleBlock("", "", "", year, date, null, java.util.List.of(), "");
        }
        Properties manifest = manifest(rulebook);
        String issued = manifest.getProperty("issued", "").strip();
        LocalDate issuedOn;
        try {
            issuedOn = issued.isEmpty() ? null : LocalDate.parse(issued);
        } catch (java.time.format.DateTimeParseException e) {
            issuedOn = null;
        }
        java.util.List<String> signoff = java.util.Arrays.stream(manifest.getProperty("signoff", "").split("[,，]"))
                .map(String::strip).filter(x -> !x.isEmpty()).toList();
        return new TitleBlock(manifest.getProperty("issuer", "").strip(), rulebook.document(), rulebook.title(), year, date, issuedOn,
                signoff, manifest.getProperty("seal", "").strip());
    }

    /** The document's issuing date as it is printed (2016年7月21日); empty when the rulebook gives none. */
    public String issuedText() {
        return issued == null ? "" : chinese(issued);
    }

    /** The source document in one line for a page: 攀枝花市人民政府办公室 攀办函〔2016〕104号《…》（2016年7月21日）. */
    public String citation() {
        return (issuer.isBlank() ? "" : issuer + " ") + basis() + (issued == null ? "" : "（" + issuedText() + "）");
    }

    /** 2017年1月15日, as a Chinese office dates a document. */
    public String dateText() {
        return chinese(date);
    }

    static String chinese(LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    /** The basis line: 攀办函〔2016〕104号《2016年…考核》. */
    public String basis() {
        return document + (title.isBlank() ? "" : "《" + title + "》");
    }

    private static Properties manifest(Rulebook rulebook) {
        Properties properties = new Properties();
        rulebook.source().file("rulebook.properties").ifPresent(text -> {
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return properties;
    }
}
