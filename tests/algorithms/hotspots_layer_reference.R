# Reference numbers for hot spots on any polygon layer: R spdep on a layer read as it is, joined
# on the layer's own id field. Usage:
#   Rscript hotspots_layer_reference.R IN.gpkg LAYER ID_FIELD VALUE_FIELD THRESHOLD OUT.csv
# OUT.csv: kind (queen, distance), id, card, gi_z, bin, binfdr, lisa_i, lisa_p (the folded
# conditional-permutation p of localmoran_perm, 9999 permutations).
suppressPackageStartupMessages({
  library(sf)
  library(spdep)
})
args <- commandArgs(trailingOnly = TRUE)
x <- st_read(args[1], args[2], quiet = TRUE)
ids <- as.character(x[[args[3]]])
v <- as.numeric(x[[args[4]]])
threshold <- as.numeric(args[5])
coords <- st_coordinates(st_centroid(st_geometry(x)))

level <- function(p) ifelse(p <= 0.01, 3, ifelse(p <= 0.05, 2, ifelse(p <= 0.10, 1, 0)))
rows <- function(kind, nb) {
  card <- card(nb)
  tested <- card > 0
  g <- as.numeric(localG(v, nb2listw(include.self(nb), style = "B", zero.policy = TRUE), zero.policy = TRUE))
  g[!tested] <- NA
  p <- 2 * pnorm(-abs(g))
  padj <- rep(NA, length(p))
  padj[tested] <- p.adjust(p[tested], "BH")
  lisa <- localmoran(v, nb2listw(nb, style = "W", zero.policy = TRUE), zero.policy = TRUE)[, "Ii"]
  lisa[!tested] <- NA
  lisa_p <- localmoran_perm(v, nb2listw(nb, style = "W", zero.policy = TRUE), nsim = 9999, iseed = 1,
                            zero.policy = TRUE)[, "Pr(folded) Sim"]
  lisa_p[!tested] <- NA
  data.frame(kind = kind, id = ids, card = card, gi_z = sprintf("%.17g", g),
             bin = ifelse(tested, sign(g) * level(p), 0), binfdr = ifelse(tested, sign(g) * level(padj), 0),
             lisa_i = sprintf("%.17g", lisa), lisa_p = sprintf("%.17g", lisa_p))
}
out <- rbind(rows("queen", poly2nb(x, queen = TRUE, snap = 1e-6)),
             rows("distance", dnearneigh(coords, 0, threshold)))
write.csv(out, args[6], row.names = FALSE)
