"""The relation layer: claims read from sentences (`extract`), judged against the knowledge base
and the facts (`judge`), with the dependency parser loaded lazily for candidate sentences only
(`parse`). The rules FA009-FA015, FA020 and SA004-SA007 report what the knowledge contradicts."""
