"""The HTML report written with each publish: charts people read, from the snapshot just exported."""
