package io.orderlens.examples.generate;

import java.math.BigDecimal;
import java.util.List;

/** The menu of the generated food-delivery platform: categories and their products with prices. */
final class Catalogue {
    static final String PIZZA = "Pizza";
    static final String BURGERS = "Burgers";
    static final String SUSHI = "Sushi";
    static final String INDIAN = "Indian";
    static final String BOWLS = "Salads & Bowls";
    static final String BREAKFAST = "Breakfast";
    static final String DESSERTS = "Desserts";
    static final String DRINKS = "Drinks";

    /** Categories a main course can come from, in a fixed order. */
    static final List<String> MAINS = List.of(PIZZA, BURGERS, SUSHI, INDIAN, BOWLS);

    record Product(String id, String name, String category, BigDecimal price) {
        Product(String id, String name, String category, String price) {
            this(id, name, category, new BigDecimal(price));
        }
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("pz-margherita", "Pizza Margherita", PIZZA, "9.50"),
            new Product("pz-pepperoni", "Pepperoni Pizza", PIZZA, "11.00"),
            new Product("pz-formaggi", "Quattro Formaggi", PIZZA, "12.50"),
            new Product("pz-veggie", "Veggie Supreme Pizza", PIZZA, "11.50"),
            new Product("bg-classic", "Classic Burger", BURGERS, "8.90"),
            new Product("bg-cheese", "Double Cheeseburger", BURGERS, "10.40"),
            new Product("bg-chicken", "Crispy Chicken Burger", BURGERS, "8.60"),
            new Product("bg-vegan", "Vegan Burger", BURGERS, "9.90"),
            new Product("bg-fries", "Fries", BURGERS, "3.20"),
            new Product("su-nigiri", "Salmon Nigiri (6)", SUSHI, "7.80"),
            new Product("su-california", "California Roll", SUSHI, "6.90"),
            new Product("su-dragon", "Dragon Roll", SUSHI, "11.20"),
            new Product("su-miso", "Miso Soup", SUSHI, "2.90"),
            new Product("in-tikka", "Chicken Tikka Masala", INDIAN, "10.50"),
            new Product("in-roganjosh", "Lamb Rogan Josh", INDIAN, "12.00"),
            new Product("in-paneer", "Paneer Butter Masala", INDIAN, "9.80"),
            new Product("in-naan", "Garlic Naan", INDIAN, "2.60"),
            new Product("bw-caesar", "Caesar Salad", BOWLS, "7.90"),
            new Product("bw-poke", "Salmon Poke Bowl", BOWLS, "10.90"),
            new Product("bw-falafel", "Falafel Bowl", BOWLS, "8.50"),
            new Product("bf-full", "Full Breakfast", BREAKFAST, "8.75"),
            new Product("bf-avocado", "Avocado Toast", BREAKFAST, "6.95"),
            new Product("bf-pancakes", "Pancake Stack", BREAKFAST, "5.80"),
            new Product("ds-tiramisu", "Tiramisu", DESSERTS, "4.50"),
            new Product("ds-brownie", "Chocolate Brownie", DESSERTS, "3.20"),
            new Product("ds-cheesecake", "Baked Cheesecake", DESSERTS, "4.20"),
            new Product("dr-cola", "Cola", DRINKS, "1.80"),
            new Product("dr-orange", "Fresh Orange Juice", DRINKS, "3.10"),
            new Product("dr-flatwhite", "Flat White", DRINKS, "2.85"),
            new Product("dr-lassi", "Mango Lassi", DRINKS, "3.20"));

    static List<Product> inCategory(String category) {
        return PRODUCTS.stream().filter(p -> p.category().equals(category)).toList();
    }

    private Catalogue() {}
}
