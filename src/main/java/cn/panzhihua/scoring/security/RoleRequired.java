package cn.panzhihua.scoring.security;

import io.quarkus.security.ForbiddenException;

import java.util.List;

/** A signed-in caller lacks every role that may do the operation; the 403 names them. */
public class RoleRequired extends ForbiddenException {

    private final transient List<String> roles;

    public RoleRequired(List<String> roles) {
        super("needs one of the roles " + roles);
        this.roles = List.copyOf(roles);
    }

    public List<String> roles() {
        return roles;
    }
}
