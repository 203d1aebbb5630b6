package org.hotline.desk.customers;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A customer as the agent registers them (客户档案): name, organisation, industry, address with
 * its city, zone and distance from the service centre, key-customer flag, since when a customer,
 * notes, their phones and the products they own. {@code evenIfKnown}: create them although a
 * customer with one of these phones or serials exists (a family, a company's switchboard).
 */
public record NewCustomer(String name, Optional<String> organisation, Optional<String> industry, Optional<String> address,
                          Optional<String> city, Optional<String> zone, Optional<Integer> distanceKm, boolean keyCustomer,
                          Optional<LocalDate> customerSince, Optional<String> notes, List<NewPhone> phones, List<NewAsset> assets,
                          boolean evenIfKnown) {

    public NewCustomer {
        phones = List.copyOf(phones);
        assets = List.copyOf(assets);
    }

    public static NewCustomer named(String name) {
        return new NewCustomer(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), List.of(), List.of(), false);
    }

    public NewCustomer withPhones(List<NewPhone> numbers) {
        return new NewCustomer(name, organisation, industry, address, city, zone, distanceKm, keyCustomer, customerSince, notes, numbers,
                assets, evenIfKnown);
    }

    public NewCustomer withAssets(List<NewAsset> products) {
        return new NewCustomer(name, organisation, industry, address, city, zone, distanceKm, keyCustomer, customerSince, notes, phones,
                products, evenIfKnown);
    }

    public NewCustomer registeredEvenIfKnown() {
        return new NewCustomer(name, organisation, industry, address, city, zone, distanceKm, keyCustomer, customerSince, notes, phones,
                assets, true);
    }
}
