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

    /** Fits (or reuses) the models as of {@code asOf} and prints the top {@code limit} customers by predicted value. */
    public void print(LifetimeValues clv, LocalDate asOf, int limit) {
        String title = "Top customers by predicted lifetime value, next "
                + clv.options().horizonMonths() + " months (as of " + asOf + ")";
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
        ClvModel model = clv.model(asOf);
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
        List<CustomerValue> top = clv.top(limit, asOf);
        for (CustomerValue v : top) {
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
