# Reference numbers for test_emerging_reference, computed independently of FireBeat: queen
# neighbours by spdep::poly2nb, the space-time neighbour list built here, Gi* by spdep::localG
# (binary weights, self included), Benjamini-Hochberg by p.adjust over all bins, and the
# Mann-Kendall trend (ties within 1e-9, continuity correction) written out by hand.
# Usage: Rscript emerging_reference.R CELLS.gpkg COUNTS.csv K OUT.csv
suppressPackageStartupMessages({
  library(sf)
  library(spdep)
})
args <- commandArgs(trailingOnly = TRUE)
x <- st_read(args[1], "cells", quiet = TRUE)
counts <- read.csv(args[2])
k <- as.integer(args[3])
ids <- x$id
N <- length(ids)
T <- max(counts$t) + 1
X <- matrix(0, N, T)
X[cbind(match(counts$id, ids), counts$t + 1)] <- counts$count

nb <- suppressWarnings(poly2nb(x, queen = TRUE, snap = 1e-6))
own <- lapply(seq_len(N), function(i) { v <- nb[[i]]; v[v > 0] })
# Bin (i, t) is number (i - 1) T + t; its neighbours: {i} and N(i) at months t - k .. t.
st <- vector("list", N * T)
for (i in seq_len(N)) for (t in seq_len(T)) {
  b <- (i - 1) * T + t
  js <- c(i, own[[i]])
  ss <- max(1, t - k):t
  v <- sort(setdiff(as.vector(outer((js - 1) * T, ss, "+")), b))
  st[[b]] <- if (length(v)) as.integer(v) else 0L
}
class(st) <- "nb"
attr(st, "region.id") <- as.character(seq_len(N * T))
lw <- nb2listw(include.self(st), style = "B", zero.policy = TRUE)
xv <- as.vector(t(X)) # by cell, then month
g <- as.numeric(localG(xv, lw, zero.policy = TRUE))
p <- 2 * pnorm(-abs(g))
cls <- ifelse(p.adjust(p, "BH") <= 0.10, sign(g), 0)

mk <- function(z) {
  n <- length(z)
  s <- 0
  for (a in 1:(n - 1)) for (b in (a + 1):n) {
    d <- z[b] - z[a]
    if (abs(d) > 1e-9) s <- s + sign(d)
  }
  zs <- sort(z)
  tg <- as.vector(table(cumsum(c(TRUE, diff(zs) > 1e-9))))
  v <- (n * (n - 1) * (2 * n + 5) - sum(tg * (tg - 1) * (2 * tg + 5))) / 18
  if (s == 0 || v == 0) 0 else (s - sign(s)) / sqrt(v)
}
trend <- sapply(seq_len(N), function(i) mk(g[(i - 1) * T + seq_len(T)]))
out <- data.frame(id = rep(ids, each = T), t = rep(seq_len(T) - 1, N), card = rep(card(nb), each = T),
                  gi_z = sprintf("%.17g", g), cls = cls, trend_z = sprintf("%.17g", rep(trend, each = T)))
write.csv(out, args[4], row.names = FALSE)
