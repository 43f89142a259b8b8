"""Tools outside the product: the benchmark, its chart, the region map maker, build digests."""
