package io.orderlens.examples.console;

import io.orderlens.analytics.clv.BgNbdParameters;
import io.orderlens.analytics.clv.ClvModel;
import io.orderlens.analytics.clv.CustomerValue;
import io.orderlens.analytics.clv.GammaGammaParameters;
import io.orderlens.analytics.clv.LifetimeValues;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Prints the fitted lifetime-value models and the customers of highest predicted value to a text console. */
public final class LifetimeValueTable {
    private final PrintStream out;

    public LifetimeValueTable(PrintStream out) {
        this.out = out;
    }

    /**
     * What the table shows: the models fitted as of {@code asOf} and the customers of highest predicted value (empty
     * when the models are not usable).
     */
    public record Figures(int horizonMonths, LocalDate asOf, ClvModel model, List<CustomerValue> top) {
        public Figures {
            top = List.copyOf(top);
        }

        /**
         * Fits (or reuses) the models as of {@code asOf} and reads the top {@code limit} customers; safe to call on any
         * thread, as {@link LifetimeValues} is thread-safe.
         */
        public static Figures of(LifetimeValues clv, LocalDate asOf, int limit) {
            ClvModel model = clv.model(asOf);
            return new Figures(
                    clv.options().horizonMonths(), asOf, model, model.usable() ? clv.top(limit, asOf) : List.of());
        }
    }

    /** Prints {@code figures}. */
    public void print(Figures figures) {
        String title = "Top customers by predicted lifetime value, next " + figures.horizonMonths() + " months (as of "
                + figures.asOf() + ")";
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
        ClvModel model = figures.model();
        if (!model.usable()) {
            out.printf(
                    Locale.ROOT,
                    "models not usable: purchases %s (%s), spend %s (%s)%n",
                    model.purchases().status(),
                    model.purchases().message(),
                    model.spend().status(),
                    model.spend().message());
            return;
        }
        BgNbdParameters bg = model.purchases().parameters().orElseThrow();
        GammaGammaParameters gg = model.spend().parameters().orElseThrow();
        out.printf(
                Locale.ROOT,
                "BG/NBD over %s customers: r %.4f, alpha %.4f, a %.4f, b %.4f; Gamma-Gamma over %s: p %.4f, q %.4f,"
                        + " gamma %.4f; fitted in %d ms%n",
                Fmt.count(model.purchases().customers()),
                bg.r(),
                bg.alpha(),
                bg.a(),
                bg.b(),
                Fmt.count(model.spend().customers()),
                gg.p(),
                gg.q(),
                gg.gamma(),
                model.millis());
        out.printf(
                Locale.ROOT,
                "%-14s %7s %9s %8s %10s %12s %12s%n",
                "customer",
                "orders",
                "P(alive)",
                "E[buys]",
                "avg value",
                "net spend",
                "CLV");
        for (CustomerValue v : figures.top()) {
            CustomerValue.Prediction p = v.prediction().orElseThrow();
            out.printf(
                    Locale.ROOT,
                    "%-14s %7s %8.1f%% %8.2f %10s %12s %12s%n",
                    Fmt.fit(v.customerId(), 14),
                    Fmt.count(v.orders()),
                    100 * p.probabilityAlive(),
                    p.expectedPurchases(),
                    Fmt.money(p.expectedAverageValue().setScale(2, java.math.RoundingMode.HALF_EVEN)),
                    Fmt.money(v.netSpend()),
                    Fmt.money(p.value().setScale(2, java.math.RoundingMode.HALF_EVEN)));
        }
    }
}
