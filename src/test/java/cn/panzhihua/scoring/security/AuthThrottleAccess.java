package cn.panzhihua.scoring.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Lets tests in other packages forget every failed sign-in (as if the locks had run out). */
@ApplicationScoped
public class AuthThrottleAccess {

    @Inject
    AuthThrottle throttle;

    public void forget() {
        throttle.clock(System::currentTimeMillis);
    }
}
