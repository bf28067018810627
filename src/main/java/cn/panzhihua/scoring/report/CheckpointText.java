package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.audit.Checkpoint;

import java.util.List;

/** How the printed reports (CSV, XLSX) state the signed checkpoint they were built on. */
final class CheckpointText {

    static final String TITLE = "本通报依据的签名检查点 (signed checkpoint; verify: POST /api/v1/audit/verify)";

    private CheckpointText() {
    }

    /** The checkpoint's fields as (JSON name, value), in the order of its JSON. */
    static List<String[]> fields(Checkpoint cp) {
        return List.of(
                new String[]{"number", Long.toString(cp.number())},
                new String[]{"recordSeq", Long.toString(cp.recordSeq())},
                new String[]{"headHash", cp.headHash()},
                new String[]{"takenAt", cp.takenAt().toString()},
                new String[]{"keyId", cp.keyId()},
                new String[]{"reason", cp.reason()},
                new String[]{"signature", cp.signature()});
    }

    /**
     * The checkpoint in one printed line (PDF): number, the records it covers, the full head hash and
     * the key, enough to type back for verification.
     */
    static String line(Checkpoint cp) {
        return "签名检查点：第 " + cp.number() + " 号，覆盖考评记录 1–" + cp.recordSeq() + "，链头哈希 " + cp.headHash() + "，密钥 " + cp.keyId()
                + "（核验：POST /api/v1/audit/verify）";
    }

    /** One line for a page header: number, record and the start of the head hash. */
    static String brief(Checkpoint cp) {
        return "检查点 " + cp.number() + " · 记录 1–" + cp.recordSeq() + " · " + cp.headHash().substring(0, 16) + "… · 密钥 " + cp.keyId();
    }
}
