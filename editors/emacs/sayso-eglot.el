;;; sayso-eglot.el --- sayso language server through Eglot  -*- lexical-binding: t; -*-

;; Put this in your init file (or load this file). Needs Emacs 29+ (Eglot built in) or Eglot
;; from GNU ELPA (Emacs 26.3-28), and the `sayso' program on PATH (the Debian package installs
;; /usr/bin/sayso).

(with-eval-after-load 'eglot
  ;; Eglot takes the first entry whose mode the buffer's mode is, or derives from, and
  ;; latex-mode derives from text-mode: LaTeX and Markdown come before plain text. (Eglot 1.9
  ;; keeps the first file's language id for the whole server; sayso reads each file by its
  ;; extension, so a .txt sent as "markdown" is still read, and commented, as plain text.)
  (add-to-list 'eglot-server-programs
               '(((latex-mode :language-id "latex")
                  (LaTeX-mode :language-id "latex")
                  (markdown-mode :language-id "markdown")
                  (gfm-mode :language-id "markdown")
                  (text-mode :language-id "plaintext"))
                 . ("sayso" "lsp"))))

(defvar eglot-workspace-configuration)

(defun sayso-eglot-add-settings (settings)
  "Add SETTINGS (a plist) as section :sayso of `eglot-workspace-configuration'.
Settings for other servers are kept. The server asks for section \"sayso\": :profile,
:language, :packs (a vector of folders), :severity (rule id -> severity or \"off\"),
:words (a vector). A .sayso.yml next to your documents is read as well."
  (let ((current (and (boundp 'eglot-workspace-configuration)
                      (default-value 'eglot-workspace-configuration))))
    (cond ((or (null current) (keywordp (car-safe current)))
           (setq-default eglot-workspace-configuration
                         (plist-put (copy-tree current) :sayso settings)))
          ((and (consp current) (consp (car current)))  ; the alist form
           (setq-default eglot-workspace-configuration
                         (cons (cons :sayso settings)
                               (assq-delete-all :sayso (copy-tree current)))))
          (t (message "sayso: eglot-workspace-configuration is a function; add :sayso there")))))

(sayso-eglot-add-settings '(:language "en_GB"))
;; For example:
;; (sayso-eglot-add-settings '(:profile "nihr" :language "en_GB"
;;                             :severity (:plain-english.passive-voice "off")))

(defun sayso-eglot-ensure ()
  "Start sayso in Markdown, plain text and LaTeX buffers.
Not in other modes built on `text-mode' (Org, mail, commit messages), which also run
`text-mode-hook'."
  (when (memq major-mode '(markdown-mode gfm-mode text-mode latex-mode LaTeX-mode))
    (eglot-ensure)))

(dolist (hook '(markdown-mode-hook text-mode-hook latex-mode-hook LaTeX-mode-hook))
  (add-hook hook #'sayso-eglot-ensure))

(provide 'sayso-eglot)
;;; sayso-eglot.el ends here
