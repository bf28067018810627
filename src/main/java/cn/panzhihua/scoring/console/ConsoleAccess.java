package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.List;

/**
 * Who is using the console, and the roles a page needs: the same roles as the API. A person who is
 * not logged in is sent to the login form and brought back; one without the role gets a page
 * saying which role the page needs (never the API's problem+json).
 */
@RequestScoped
public class ConsoleAccess {

    @Inject
    SecurityIdentity identity;

    @Inject
    FormToken forms;

    /** Needs one of the roles; otherwise the login form (anonymous) or a 403 page. */
    public void require(String... roles) {
        if (identity.isAnonymous()) {
            throw new PageException.LoginRequired();
        }
        if (Arrays.stream(roles).noneMatch(identity::hasRole)) {
            throw new PageException(403, "没有权限", "此页面需要以下角色之一：" + String.join("、", roles)
                    + "。当前用户 " + user() + " 的角色：" + String.join("、", identity.getRoles()) + "。");
        }
    }

    /** The frame of a page titled {@code title} in the part {@code nav} of the console. */
    public Chrome chrome(String title, String nav) {
        return new Chrome(title, nav, user(), String.join("、", roles()), has(Roles.AUDITOR), forms.value(),
                ConsoleMenu.offered(loggedIn(), this::has));
    }

    /** Refuses a console form that does not carry this browser's token (a page in Chinese, nothing done). */
    public void checkForm(String formToken) {
        forms.check(formToken);
    }

    public boolean loggedIn() {
        return !identity.isAnonymous();
    }

    public boolean has(String role) {
        return !identity.isAnonymous() && identity.hasRole(role);
    }

    public String user() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public List<String> roles() {
        return identity.getRoles().stream().sorted().toList();
    }
}
