package cn.panzhihua.scoring.campaign;

import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.security.RoleRequired;
import cn.panzhihua.scoring.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Who may see which unit of the assessment year. The office (evaluator) and auditors see every unit;
 * a caller with the role {@code unit} is bound to exactly one unit, and every other unit is to it
 * exactly what a unit that does not exist is: 404 with the same words, so nothing leaks about
 * another unit. The binding comes from the OIDC token's claim {@code campaign.unit-claim} (default
 * {@code unit}, the unit's exact name in table C) or, for configured users, from
 * {@code campaign.unit-users."<user>"=<unit>}.
 */
@RequestScoped
public class CampaignAccess {

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "campaign.unit-claim", defaultValue = "unit")
    String unitClaim;

    public String who() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean office() {
        return identity.hasRole(Roles.EVALUATOR);
    }

    public boolean seesEveryUnit() {
        return identity.hasRole(Roles.EVALUATOR) || identity.hasRole(Roles.AUDITOR);
    }

    /** The unit a unit user is bound to; empty for everyone else. A unit user without a binding is refused (403). */
    public Optional<String> boundUnit() {
        if (seesEveryUnit() || !identity.hasRole(Roles.UNIT)) {
            return Optional.empty();
        }
        Principal principal = identity.getPrincipal();
        String bound = null;
        if (principal instanceof JsonWebToken token && token.getClaim(unitClaim) != null) {
            bound = String.valueOf((Object) token.getClaim(unitClaim));
        }
        if (bound == null) {
            Config config = ConfigProvider.getConfig();
            bound = config.getOptionalValue("campaign.unit-users.\"" + principal.getName() + "\"", String.class)
                    .or(() -> config.getOptionalValue("campaign.unit-users." + principal.getName(), String.class)).orElse(null);
        }
        if (bound == null || bound.isBlank()) {
            throw new RoleRequired(List.of(Roles.UNIT + " bound to a unit (the token's " + unitClaim
                    + " claim, or campaign.unit-users.\"" + principal.getName() + "\")"));
        }
        return Optional.of(bound.strip());
    }

    /** Refuses (404, the words of an unknown unit) a unit user asking about a unit other than its own. */
    public void requireUnit(int year, String unit) {
        Optional<String> bound = boundUnit();
        if (bound.isPresent() && !bound.get().equals(unit)) {
            throw noSuchUnit(year, unit);
        }
    }

    static ProblemException noSuchUnit(int year, String unit) {
        return ProblemException.notFound("No such unit", "the assessment year " + year + " has no unit '" + unit + "' that you may see", "unit", unit);
    }
}
