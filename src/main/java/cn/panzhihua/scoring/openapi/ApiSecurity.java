package cn.panzhihua.scoring.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Declares, when the service starts, the credentials this deployment actually accepts: HTTP Basic
 * while it is on, OIDC bearer tokens (with the provider's discovery URL) while a tenant is
 * configured; and, on every operation that carries {@code x-roles}, the roles it needs, and whether
 * anonymous callers may call it under this deployment's {@code api.anonymous}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ApiSecurity implements OASFilter {

    static final String BASIC = "basic";
    static final String OIDC = "oidc";
    static final String ROLES = "x-roles";
    static final String ANONYMOUS_WHEN = "x-anonymous-when";
    /** The x-roles of an operation that needs no credentials anywhere. */
    static final String ANYONE = "anyone";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        apply(openAPI, ConfigProvider.getConfig());
    }

    static void apply(OpenAPI openAPI, Config config) {
        boolean basic = config.getOptionalValue("quarkus.http.auth.basic", Boolean.class).orElse(false);
        boolean oidc = config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true)
                && config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent();
        Set<String> anonymous = Set.copyOf(Arrays.asList(config.getOptionalValue("api.anonymous", String.class)
                .orElse("").split("\\s*,\\s*")));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (basic) {
            openAPI.getComponents().addSecurityScheme(BASIC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("basic").description("HTTP Basic: a user of the configured identity store with one of the roles"));
        }
        if (oidc) {
            String url = config.getValue("quarkus.oidc.auth-server-url", String.class).replaceAll("/+$", "");
            openAPI.getComponents().addSecurityScheme(OIDC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                    .openIdConnectUrl(url + "/.well-known/openid-configuration")
                    .description("OIDC bearer token from " + url + "; its roles claim carries the roles"));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                secure(operation, basic, oidc, anonymous);
            }
        }
    }

    private static void secure(Operation operation, boolean basic, boolean oidc, Set<String> anonymous) {
        if (operation.getExtensions() == null || !operation.getExtensions().containsKey(ROLES)) {
            return;
        }
        List<String> roles = List.of(String.valueOf(operation.getExtensions().get(ROLES)).split("\\s*,\\s*"));
        if (roles.equals(List.of(ANYONE))) {
            // public by design (a public key, a liveness check): no credentials in any deployment
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement()));
            String needs = "Anyone may call it, without credentials.";
            operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
            return;
        }
        Object when = operation.getExtensions().get(ANONYMOUS_WHEN);
        boolean open = when != null && anonymous.contains(String.valueOf(when));
        List<SecurityRequirement> requirements = new ArrayList<>();
        if (basic) {
            requirements.add(OASFactory.createSecurityRequirement().addScheme(BASIC, roles));
        }
        if (oidc) {
            requirements.add(OASFactory.createSecurityRequirement().addScheme(OIDC, roles));
        }
        if (open) {
            requirements.add(OASFactory.createSecurityRequirement()); // {}: no credentials needed
        }
        operation.setSecurity(requirements);
        String needs = "Needs the role " + String.join(" or ", roles)
                + (open ? "; anonymous callers too under this deployment's api.anonymous (" + when + ")" : "") + ".";
        operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
    }
}
