package cn.panzhihua.scoring.console;

/**
 * What every page's frame shows: the page title, which part of the console it belongs to (the
 * navigation marks it with aria-current), who is logged in, the menu their roles open ({@link ConsoleMenu}), and the token its forms carry
 * ({@link FormToken}).
 */
public record Chrome(String title, String nav, String user, String roles, boolean auditor, String formToken,
                     java.util.List<ConsoleMenu.Entry> menu) {
}
