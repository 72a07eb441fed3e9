package org.ream.central.reporting.counting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Which price and cost columns reflect discounts (manual 10.1.2, 10.1.3): every price column,
 * the total cost and the cost per colour do; the coverage-level costs (colour cost L1-L3, colour
 * pages cost L1-L3) never do.
 */
public enum PriceColumn {
    TOTAL_PRICE(true), ADMIN_PRICE(true), TOTAL_COST(true), BW_COST(true), COLOR_COST(true),
    COLOR_COST_L1(false), COLOR_COST_L2(false), COLOR_COST_L3(false),
    COLOR_PAGES_COST_L1(false), COLOR_PAGES_COST_L2(false), COLOR_PAGES_COST_L3(false);

    private final boolean discounted;

    PriceColumn(boolean discounted) {
        this.discounted = discounted;
    }

    public boolean discounted() {
        return discounted;
    }

    /**
     * The amount this column shows for work listed at {@code listAmount} with a discount of
     * {@code discountPercent} (0-100), to 4 decimals as the replicated amounts are kept.
     */
    public BigDecimal amount(BigDecimal listAmount, BigDecimal discountPercent) {
        if (discountPercent.signum() < 0 || discountPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("a discount is between 0 and 100 %: " + discountPercent);
        }
        BigDecimal out = discounted
                ? listAmount.multiply(BigDecimal.valueOf(100).subtract(discountPercent)).divide(BigDecimal.valueOf(100))
                : listAmount;
        return out.setScale(4, RoundingMode.HALF_UP);
    }
}
