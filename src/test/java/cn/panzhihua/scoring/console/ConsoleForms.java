package cn.panzhihua.scoring.console;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a browser holds after opening a console page, for tests that post the console's forms
 * without a browser: the form cookie the page set and the token its forms carry.
 */
public record ConsoleForms(String cookie, String token) {

    private static final Pattern FIELD = Pattern.compile("name=\"form-token\" value=\"([A-Za-z0-9_-]+)\"");

    /** Opens {@code page} as {@code signedIn} would and keeps what its forms carry. */
    public static ConsoleForms open(RequestSpecification signedIn, String page) {
        Response response = signedIn.get(page);
        String cookie = response.getCookie(FormToken.COOKIE);
        assertNotNull(cookie, page + " sets the form cookie");
        Matcher field = FIELD.matcher(response.asString());
        assertTrue(field.find(), page + " has a form with its token");
        return new ConsoleForms(cookie, field.group(1));
    }

    /** The request as the page's form would send it: the browser's form cookie and the field. */
    public RequestSpecification on(RequestSpecification request) {
        return request.cookie(FormToken.COOKIE, cookie).formParam(FormToken.FIELD, token);
    }
}
