package cn.panzhihua.scoring.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the hash chain. {@code firstMismatch} names the first record whose stored
 * hashes do not match what its content and predecessor give (a changed, inserted or removed row).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long recordsChecked, long headSeq, String headHash, Mismatch firstMismatch) {

    public record Mismatch(String id, long seq, String reason) {
    }
}
