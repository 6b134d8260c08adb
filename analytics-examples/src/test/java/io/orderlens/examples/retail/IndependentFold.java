package io.orderlens.examples.retail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A deliberately plain fold over the Online Retail file that shares no code with the reader, the mapping or the
 * library: it splits each line at its first two and last five commas (only Description can contain commas in this
 * file) and adds things up with BigDecimal. Tests compare the pipeline's results with these figures.
 */
public final class IndependentFold {
    public long rows;
    public long rowsWithoutCustomer;
    public final Set<String> orders = new HashSet<>();
    public final Set<String> refunds = new HashSet<>();
    public final Set<String> customers = new HashSet<>();
    public final Set<String> products = new HashSet<>();
    public final Set<String> lineKeys = new HashSet<>();
    public long mappedRows;
    public BigDecimal gross = BigDecimal.ZERO;
    public BigDecimal refunded = BigDecimal.ZERO;
    public final Map<String, BigDecimal> netByCustomer = new HashMap<>();
    public final Map<String, Long> netUnitsByProduct = new HashMap<>();
    public final Map<String, BigDecimal> netByProduct = new HashMap<>();
    public final Map<String, BigDecimal> netByCountry = new TreeMap<>();
    /** Earliest time of each invoice, as text "yyyy-MM-dd HH:mm:ss" (sorts like the time). */
    public final Map<String, String> invoiceTime = new HashMap<>();

    public final Map<String, BigDecimal> invoiceAmount = new HashMap<>();
    /** The customer of each invoice. */
    public final Map<String, String> invoiceCustomer = new HashMap<>();
    /** Each invoice's amount per category ({@link OnlineRetailMapping#category}); negative for cancellations. */
    public final Map<String, Map<String, BigDecimal>> invoiceAmountByCategory = new HashMap<>();

    private static final Map<Path, IndependentFold> CACHE = new HashMap<>();

    /** The fold of {@code gz}, computed once per test JVM (the result is only read afterwards). */
    public static synchronized IndependentFold cached(Path gz) throws IOException {
        Path key = gz.toAbsolutePath().normalize();
        IndependentFold f = CACHE.get(key);
        if (f == null) {
            f = of(key);
            CACHE.put(key, f);
        }
        return f;
    }

    public static IndependentFold of(Path gz) throws IOException {
        IndependentFold f = new IndependentFold();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                f.add(line);
            }
        }
        return f;
    }

    private void add(String line) {
        rows++;
        int c1 = line.indexOf(',');
        int c2 = line.indexOf(',', c1 + 1);
        String[] right = new String[5];
        int end = line.length();
        for (int i = 4; i >= 0; i--) {
            int c = line.lastIndexOf(',', end - 1);
            right[i] = line.substring(c + 1, end);
            end = c;
        }
        String invoice = line.substring(0, c1);
        String stock = line.substring(c1 + 1, c2);
        long qty = Long.parseLong(right[0]);
        String time = right[1];
        BigDecimal price = new BigDecimal(right[2]);
        String customer = right[3];
        String country = right[4];
        if (customer.isEmpty()) {
            rowsWithoutCustomer++;
            return;
        }
        customer = customer.replace(".0", "");
        mappedRows++;
        customers.add(customer);
        products.add(stock);
        lineKeys.add(invoice + "|" + stock + "|" + price.stripTrailingZeros().toPlainString());
        BigDecimal amount = price.multiply(BigDecimal.valueOf(qty)); // negative for cancellations
        if (invoice.startsWith("C")) {
            refunds.add(invoice);
            refunded = refunded.subtract(amount);
        } else {
            orders.add(invoice);
            gross = gross.add(amount);
        }
        netByCustomer.merge(customer, amount, BigDecimal::add);
        netUnitsByProduct.merge(stock, qty, Long::sum);
        netByProduct.merge(stock, amount, BigDecimal::add);
        netByCountry.merge(country, amount, BigDecimal::add);
        invoiceTime.merge(invoice, time, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        invoiceAmount.merge(invoice, amount, BigDecimal::add);
        invoiceCustomer.put(invoice, customer);
        invoiceAmountByCategory
                .computeIfAbsent(invoice, k -> new HashMap<>())
                .merge(OnlineRetailMapping.category(stock), amount, BigDecimal::add);
    }

    /** Gross revenue of orders by the UK calendar day of their invoice's earliest time. */
    public Map<LocalDate, BigDecimal> grossByDay() {
        Map<LocalDate, BigDecimal> out = new TreeMap<>();
        invoiceAmount.forEach((invoice, amount) -> {
            if (!invoice.startsWith("C")) {
                out.merge(LocalDate.parse(invoiceTime.get(invoice).substring(0, 10)), amount, BigDecimal::add);
            }
        });
        return out;
    }
}
