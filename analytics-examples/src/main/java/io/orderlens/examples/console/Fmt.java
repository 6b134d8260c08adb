package io.orderlens.examples.console;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting for the console and the report: grouped thousands, money exact (never rounded). */
public final class Fmt {
    private Fmt() {}

    /** {@code 8911407.904} → {@code 8,911,407.904}; {@code -12.5} → {@code -12.50}. At least two decimals. */
    public static String money(BigDecimal amount) {
        BigDecimal a = amount.scale() < 2 ? amount.setScale(2) : amount;
        String plain = a.abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String frac = dot < 0 ? "" : plain.substring(dot);
        return (a.signum() < 0 ? "-" : "") + group(whole) + frac;
    }

    /** {@code 1234567} → {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String group(String digits) {
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3);
        int lead = digits.length() % 3;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    /** {@code text} cut to {@code width} characters (with an ellipsis) or padded with spaces. */
    public static String fit(String text, int width) {
        String t = text == null ? "" : text;
        if (t.length() > width) {
            return t.substring(0, width - 1) + "~";
        }
        return t + " ".repeat(width - t.length());
    }

    /** A bar of {@code #} proportional to {@code value / max}, at most {@code width} long. */
    public static String bar(BigDecimal value, BigDecimal max, int width) {
        if (max.signum() <= 0 || value.signum() <= 0) {
            return "";
        }
        int n = value.multiply(BigDecimal.valueOf(width))
                .divide(max, 0, java.math.RoundingMode.HALF_UP)
                .intValue();
        return "#".repeat(Math.max(1, Math.min(width, n)));
    }
}
