package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body as text, exactly as sent: it must be declared ({@code Content-Type:
 * application/json}, UTF-8 if a charset is named: 415 otherwise), within the size limit (413), and
 * valid UTF-8 (400: a byte that is not UTF-8 is refused, not replaced, since the body is stored as
 * received).
 */
final class JsonBody {

    private JsonBody() {
    }

    static String read(byte[] body, MediaType type, long limit, String setting) {
        if (type == null) {
            throw new ProblemException(415, "Unsupported Media Type", "the request has no Content-Type; send the body as "
                    + "Content-Type: application/json (UTF-8)", null, null, null);
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.strip().equalsIgnoreCase("utf-8") && !charset.strip().equalsIgnoreCase("utf8")) {
            throw new ProblemException(415, "Unsupported Media Type", "the body is declared as " + charset
                    + "; this service reads JSON in UTF-8 only (RFC 8259)", null, null, null);
        }
        if (body == null) {
            return null;
        }
        if (body.length > limit) {
            throw ProblemException.tooLarge(null, body.length, "the body has " + body.length + " bytes; this service accepts at most "
                    + limit + " (" + setting + ")");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            return decoder.decode(bytes).toString();
        } catch (MalformedInputException e) {
            int at = bytes.position();
            throw new ProblemException(400, "Malformed JSON", "the body is not valid UTF-8: byte 0x"
                    + String.format("%02x", body[at] & 0xff) + " at offset " + at + " does not begin or continue a UTF-8 character",
                    null, null, null);
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "Malformed JSON", "the body is not valid UTF-8", null, null, null);
        }
    }
}
