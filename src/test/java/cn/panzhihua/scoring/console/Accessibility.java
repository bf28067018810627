package cn.panzhihua.scoring.console;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks an automated accessibility audit would make, written as assertions (axe-core cannot be
 * fetched at run time here): the page's language, a label for every form field, headings in order,
 * text contrast of the colours the stylesheet actually applies (WCAG AA), names for links and buttons,
 * tables with captions and header cells, and a visible focus ring on every element the keyboard reaches.
 */
final class Accessibility {

    private Accessibility() {
    }

    private static final String AUDIT = """
            const problems = [];
            const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
              return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
            const name = e => (e.getAttribute('aria-label') || e.textContent || e.value || e.title || '').trim();
            if (document.documentElement.lang !== 'zh-CN') problems.push('html lang is "' + document.documentElement.lang + '", not zh-CN');
            if (!document.title.trim()) problems.push('the page has no title');
            document.querySelectorAll('input, select, textarea').forEach(e => {
              if (e.type === 'hidden' || e.type === 'submit' || e.type === 'button') return;
              const label = (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.closest('label');
              if (!label && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')) problems.push('field without a label: ' + (e.name || e.id));
            });
            const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
            if (headings.filter(l => l === 1).length !== 1) problems.push('expected one h1, found ' + headings.filter(l => l === 1).length);
            if (headings[0] !== 1) problems.push('the first heading is h' + headings[0]);
            for (let i = 1; i < headings.length; i++) if (headings[i] > headings[i - 1] + 1) problems.push('heading h' + headings[i] + ' follows h' + headings[i - 1]);
            document.querySelectorAll('a[href], button, summary').forEach(e => { if (visible(e) && !name(e)) problems.push('no accessible name: ' + e.outerHTML.slice(0, 80)); });
            document.querySelectorAll('img').forEach(e => { if (!e.hasAttribute('alt')) problems.push('image without alt: ' + e.src); });
            document.querySelectorAll('table').forEach(t => {
              if (!t.querySelector('caption') && !t.getAttribute('aria-label')) problems.push('table without a caption');
              if (!t.querySelector('th')) problems.push('table without header cells');
            });
            if (!document.querySelector('main')) problems.push('no main landmark');
            const rgb = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(',').map(parseFloat);
              return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
            const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
            const background = e => { for (let n = e; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor);
              if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
            const seen = new Set();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
              const e = t.parentElement; if (!t.textContent.trim() || !e || !visible(e)) continue;
              const s = getComputedStyle(e); const fg = rgb(s.color); const bg = background(e);
              const l1 = lum(fg), l2 = lum(bg); const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
              const size = parseFloat(s.fontSize); const large = size >= 24 || (size >= 18.66 && (+s.fontWeight) >= 700);
              const key = s.color + '/' + JSON.stringify(bg);
              if (ratio < (large ? 3 : 4.5) && !seen.has(key)) { seen.add(key);
                problems.push('contrast ' + ratio.toFixed(2) + ':1 for ' + s.color + ' on rgb(' + bg.r + ',' + bg.g + ',' + bg.b + ') at "' + t.textContent.trim().slice(0, 20) + '"'); }
            }
            return problems;
            """;

    /** Problems the static checks find on the page now shown. */
    @SuppressWarnings("unchecked")
    static List<String> audit(WebDriver driver) {
        return new ArrayList<>((List<String>) ((JavascriptExecutor) driver).executeScript(AUDIT));
    }

    private static final String FOCUS = """
            const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
            return (ring ? 'ok ' : 'NO FOCUS RING ') + e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 30);
            """;

    /** Tabs through up to {@code steps} elements from the top; each must show a focus ring. */
    static List<String> focusProblems(WebDriver driver, int steps) {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            Object state = ((JavascriptExecutor) driver).executeScript(FOCUS);
            if (state == null) {
                break;
            }
            if (!state.toString().startsWith("ok")) {
                problems.add(driver.getCurrentUrl() + ": " + state);
            }
        }
        return problems;
    }
}
