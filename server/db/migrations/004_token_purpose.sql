-- A read-only token is made for a wall display (by leaders and admins) or for desktop GIS (by any user,
-- for their own scope, to read /ogc from QGIS or GDAL).
ALTER TABLE display_tokens ADD COLUMN purpose text NOT NULL DEFAULT 'display' CHECK (purpose IN ('display', 'gis'));
