package cn.panzhihua.scoring.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Set;

/**
 * The two operations whose anonymous use is a deployment choice. The public contract (SPEC section
 * 6) has no authentication, so the embedded default lets anonymous callers evaluate and read the
 * catalogue; a production deployment sets {@code api.anonymous=none} and then only the roles below
 * may. Reading records, verifying and replaying (auditor) and reloading or validating rulebooks
 * (rule-author) always need a role, declared on their endpoints with {@code @RolesAllowed}.
 */
@RequestScoped
public class Access {

    public enum Operation {
        EVALUATE("evaluate", List.of(Roles.EVALUATOR)),
        CATALOGUE("catalogue", List.of(Roles.EVALUATOR, Roles.AUDITOR, Roles.RULE_AUTHOR));

        private final String key;
        private final List<String> roles;

        Operation(String key, List<String> roles) {
            this.key = key;
            this.roles = roles;
        }
    }

    @ConfigProperty(name = "api.anonymous", defaultValue = "evaluate,catalogue")
    Set<String> anonymous;

    @Inject
    SecurityIdentity identity;

    public void require(Operation operation) {
        if (identity.isAnonymous()) {
            if (anonymous.contains(operation.key)) {
                return;
            }
            throw new UnauthorizedException();
        }
        if (operation.roles.stream().noneMatch(identity::hasRole)) {
            throw new ForbiddenException();
        }
    }

    /** Who a record says asked for it. */
    public String who() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
