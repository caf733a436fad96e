/**
 * The app catalog's shape. The catalog is data: which apps KOOMPI knows, their
 * names in Khmer and English, the words people use for them, and the kinds of
 * app they are ("a browser", "កម្មវិធីគូររូប"). The intent router uses it to
 * normalise the `app` slot; `koompi package search` answers from it offline.
 */

/** Where an app comes from: KOOMPI's own suite, Flathub, or the Arch repositories. */
export type AppSource = 'koompi' | 'flatpak' | 'pacman';

export interface LocalizedText {
  readonly en: string;
  readonly km: string;
}

export interface CatalogApp {
  /** The id used in the router's `app` slot and on the command line (`firefox`, `write`). */
  readonly id: string;
  readonly source: AppSource;
  /** The package to install: a Flatpak ref or a pacman package name. */
  readonly package: string;
  readonly name: LocalizedText;
  readonly summary: LocalizedText;
  /** Other words for the app, in any language: brand names, transliterations, common names. */
  readonly aliases: readonly string[];
  readonly categories: readonly string[];
  /** The command that starts it, as an argument array (never a shell string). */
  readonly exec?: readonly string[];
}

export interface CatalogCategory {
  readonly id: string;
  readonly name: LocalizedText;
  /** What people call this kind of app ("browser", "កម្មវិធីគូររូប"), without the word "app". */
  readonly terms: readonly string[];
  /** The app proposed when someone asks for the kind rather than a name ("install a browser"). */
  readonly preferred: string;
}

/** One search hit: the app and how well it matched (higher is better). */
export interface CatalogHit {
  readonly app: CatalogApp;
  readonly score: number;
}
