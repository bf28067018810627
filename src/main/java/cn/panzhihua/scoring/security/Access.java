package cn.panzhihua.scoring.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Set;

/**
 * The two operations whose anonymous use is a deployment choice, and who a record names. The public
 * contract (SPEC section 6) has no authentication; production settings let anonymous callers do
 * nothing ({@code api.anonymous=none}), the development, test and demo profiles let them evaluate and
 * read the catalogue. A record names who asked: anonymous records only where
 * {@code api.anonymous-recording} allows them, which only the development profiles may set
 * ({@link SecuritySettings} refuses to start otherwise). Reading records, verifying and replaying
 * (auditor) and reloading or validating rulebooks (rule-author) always need a role, declared on their
 * endpoints with {@code @RolesAllowed}.
 */
@RequestScoped
public class Access {

    static final String RECORDING_NEEDS_IDENTITY = "recording an evaluation needs credentials";

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

    @ConfigProperty(name = "api.anonymous", defaultValue = "none")
    Set<String> anonymous;

    @ConfigProperty(name = "api.anonymous-recording", defaultValue = "false")
    boolean anonymousRecording;

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
            throw new RoleRequired(operation.roles);
        }
    }

    /** Who a record says asked for it; an anonymous caller may record only where the settings allow it. */
    public String recorder() {
        if (identity.isAnonymous()) {
            if (!anonymousRecording) {
                throw new UnauthorizedException(RECORDING_NEEDS_IDENTITY + ": a decision record names who asked. Sign in "
                        + "(HTTP Basic or an OIDC bearer token), or ask for a dry run with ?record=false");
            }
            return "anonymous";
        }
        return identity.getPrincipal().getName();
    }

    /** Who is asking, for a dry run (nothing is stored). */
    public String who() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
