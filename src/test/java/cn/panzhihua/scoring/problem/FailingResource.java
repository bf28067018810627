package cn.panzhihua.scoring.problem;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.sql.SQLException;

/** Test-only endpoints that fail the way a broken database or rule engine fails; not part of the API document. */
@Path("/test/failing")
public class FailingResource {

    static final String SQL = "INSERT INTO decision_record (id, seq, recorded_at) VALUES (?,?,?)";

    @GET
    @Path("/{how}")
    @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true)
    public String fail(@PathParam("how") String how) throws Exception {
        switch (how) {
            case "sql" -> throw new IllegalStateException("could not store the record",
                    new SQLException("The database is read only; SQL statement: " + SQL + " [90097-240]"));
            case "drools" -> throw new RuntimeException("Exception executing consequence for rule \"SELF 自评分与考核分对照\" in rubric.common: "
                    + "java.lang.ArithmeticException: BigInteger would overflow supported range at org.drools.core.phreak.RuleExecutor.fire");
            case "checked" -> throw new SQLException(SQL);
            case "error" -> throw new StackOverflowError("org.drools.mvel.MVELConstraint.isAllowed");
            case "problem" -> throw new ProblemException(503, "Records unavailable", "decision records cannot be written just now; "
                    + "nothing was stored, try again later", null, null, null);
            default -> throw new jakarta.ws.rs.InternalServerErrorException("org.h2.jdbc.JdbcSQLException: " + SQL);
        }
    }
}
