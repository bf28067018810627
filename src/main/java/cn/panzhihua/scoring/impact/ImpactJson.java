package cn.panzhihua.scoring.impact;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Writes an impact's JSON to the response as it goes: member by member in {@link Impact}'s order
 * (so the document is exactly the record's), each unit as it is reached (the run never holds the
 * units' JSON, nor their objects, all at once), and flushed before the last member, {@code gate},
 * which may still be running its scenarios: the numbers reach the caller without waiting for it.
 */
final class ImpactJson {

    private ImpactJson() {
    }

    static void write(ObjectMapper mapper, ImpactRun run, OutputStream out) throws IOException {
        try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (RecordComponent member : Impact.class.getRecordComponents()) {
                if (member.getName().equals("gate")) {
                    continue;
                }
                json.writeFieldName(member.getName());
                mapper.writeValue(json, value(member, run.numbers()));
            }
            json.flush();
            json.writeFieldName("gate");
            mapper.writeValue(json, run.verdict());
            json.writeEndObject();
        }
    }

    private static Object value(RecordComponent member, Impact impact) {
        try {
            return member.getAccessor().invoke(impact);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + member.getName() + " of an impact", e);
        }
    }
}
