# Reference numbers for test_hotspots_reference: R spdep on the GeoPackage the test wrote.
# Usage: Rscript hotspots_reference.R IN.gpkg THRESHOLD K OUT.csv
suppressPackageStartupMessages({
  library(sf)
  library(spdep)
})
args <- commandArgs(trailingOnly = TRUE)
x <- st_read(args[1], "villages", quiet = TRUE)
threshold <- as.numeric(args[2])
k <- as.integer(args[3])
ids <- x$village_id
v <- x$value
coords <- st_coordinates(st_centroid(st_geometry(x)))

level <- function(p) ifelse(p <= 0.01, 3, ifelse(p <= 0.05, 2, ifelse(p <= 0.10, 1, 0)))
rows <- function(kind, nb) {
  card <- card(nb)
  tested <- card > 0 # no z for features without a neighbour (spdep would score them alone)
  g <- as.numeric(localG(v, nb2listw(include.self(nb), style = "B", zero.policy = TRUE), zero.policy = TRUE))
  g[!tested] <- NA
  p <- 2 * pnorm(-abs(g))
  padj <- rep(NA, length(p))
  padj[tested] <- p.adjust(p[tested], "BH")
  lisa <- localmoran(v, nb2listw(nb, style = "W", zero.policy = TRUE), zero.policy = TRUE)[, "Ii"]
  lisa[!tested] <- NA
  nbrs <- sapply(seq_along(nb), function(i) if (card[i] == 0) "" else paste(sort(ids[nb[[i]]]), collapse = ";"))
  data.frame(kind = kind, id = ids, card = card, nbrs = nbrs, gi_z = sprintf("%.17g", g),
             bin = ifelse(tested, sign(g) * level(p), 0), binfdr = ifelse(tested, sign(g) * level(padj), 0),
             lisa_i = sprintf("%.17g", lisa), eb = sprintf("%.17g", EBest(v, x$population)$estmm))
}
nn1 <- knn2nb(knearneigh(coords, k = 1))
default_band <- max(unlist(nbdists(nn1, coords)))
out <- rbind(rows("queen", poly2nb(x, queen = TRUE, snap = 1e-6)),
             rows("rook", poly2nb(x, queen = FALSE, snap = 1e-6)),
             rows("distance", dnearneigh(coords, 0, threshold)),
             rows("knn", knn2nb(knearneigh(coords, k = k))))
write.csv(out, args[4], row.names = FALSE)
cat(sprintf("%.17g\n", default_band), file = paste0(args[4], ".band"))
