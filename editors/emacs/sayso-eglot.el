;;; sayso-eglot.el --- sayso language server through Eglot  -*- lexical-binding: t; -*-

;; Put this in your init file (or load this file). Needs Emacs 29+ (Eglot built in) or Eglot
;; from GNU ELPA, and the `sayso' program on PATH (the Debian package installs /usr/bin/sayso).

(with-eval-after-load 'eglot
  ;; Markdown (markdown-mode, gfm-mode), plain text and LaTeX (built-in latex-mode, AUCTeX's
  ;; LaTeX-mode). The language ids are those the server expects for each format.
  (add-to-list 'eglot-server-programs
               '(((markdown-mode :language-id "markdown")
                  (gfm-mode :language-id "markdown")
                  (text-mode :language-id "plaintext")
                  (latex-mode :language-id "latex")
                  (LaTeX-mode :language-id "latex"))
                 . ("sayso" "lsp"))))

;; The answer to the server's workspace/configuration request for section "sayso": :profile,
;; :language, :packs (a vector of folders), :severity (rule id -> severity or "off"), :words. A .sayso.yml next to your documents is read as well.
(setq-default eglot-workspace-configuration
              '(:sayso (:language "en_GB")))
;; For example:
;; '(:sayso (:profile "nihr" :language "en_GB"
;;           :severity (:plain-english.passive-voice "off")))

;; Start sayso when a Markdown, text or LaTeX buffer opens.
(dolist (hook '(markdown-mode-hook text-mode-hook latex-mode-hook LaTeX-mode-hook))
  (add-hook hook #'eglot-ensure))

(provide 'sayso-eglot)
;;; sayso-eglot.el ends here
