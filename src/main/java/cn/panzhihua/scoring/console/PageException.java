package cn.panzhihua.scoring.console;

/**
 * A console page that cannot be shown, with what to tell the person in Chinese. Rendered as an
 * HTML page with the status (by {@link PageErrors}), so a browser never receives problem+json.
 */
public class PageException extends RuntimeException {

    private final int status;
    private final String title;

    public PageException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Not logged in: the browser is sent to the login form and back to the page afterwards. */
    public static final class LoginRequired extends PageException {
        public LoginRequired() {
            super(401, "需要登录", "请先登录。");
        }
    }
}
