-- sayso language server for Neovim: plain English and public involvement checks for research
-- grant applications, in Markdown, plain text and LaTeX buffers.
--
-- Install: copy this file to ~/.config/nvim/lua/sayso.lua and put in init.lua
--   require('sayso').setup()
-- or, with options (every key is optional):
--   require('sayso').setup({
--     cmd = { '/usr/local/bin/sayso', 'lsp', '--stdio' },
--     settings = { sayso = { profile = 'nihr', severity = { ['plain-english.passive-voice'] = 'off' } } },
--   })
--
-- With nvim-lspconfig installed, sayso is added as a custom server (lspconfig.sayso) and set up
-- through it. Without it, the same configuration is started with vim.lsp.start_client, which
-- works from Neovim 0.7 on (0.7 has no vim.lsp.start and no vim.fs).
local M = {}

M.defaults = {
  -- `--stdio` is accepted and ignored by `sayso lsp`, which always talks over stdin/stdout.
  cmd = { 'sayso', 'lsp', '--stdio' },
  -- Neovim's names for Markdown, plain text and LaTeX buffers.
  filetypes = { 'markdown', 'text', 'tex', 'plaintex' },
  -- The project root: the folder of the nearest .sayso.yml, else of the nearest .git.
  root_markers = { '.sayso.yml', '.git' },
  -- Answered when the server asks for workspace/configuration section "sayso".
  -- Keys you may add: profile = 'nihr' (a funder profile; unset: the one in .sayso.yml),
  -- packs = { '/abs/path/to/pack' } (extra rule pack folders),
  -- severity = { ['acronyms.unexplained'] = 'info' } (rule id or pack name ->
  -- 'error'|'warning'|'info'|'hint'|'off'), words = { 'Brumfield' } (dictionary words).
  -- Leave them out rather than empty: Lua cannot tell an empty list from an empty object,
  -- and the server expects a list and an object.
  settings = {
    sayso = {
      language = 'en_GB', -- or 'en_US'
    },
  },
  -- Each section's figures ("287 / 300 words · reading age 11 · evidence 9 of 12") as a code
  -- lens above its heading (Neovim 0.7 has no inlay hints), refreshed when you stop typing;
  -- :lua vim.lsp.codelens.run() on a heading lists the section's missing evidence.
  codelens = true,
}

-- Shows the server's code lenses in `bufnr` and keeps them current.
function M.enable_codelens(bufnr)
  local group = vim.api.nvim_create_augroup('sayso_codelens_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'CursorHold', 'InsertLeave' }, {
    group = group,
    buffer = bufnr,
    callback = function()
      vim.lsp.codelens.refresh()
    end,
  })
  if vim.api.nvim_get_current_buf() == bufnr then
    vim.lsp.codelens.refresh()
  end
end

-- The folder of the nearest root marker above `path`, else the file's own folder.
function M.find_root(path, markers)
  local start = vim.fn.fnamemodify(path, ':p:h')
  for _, marker in ipairs(markers) do
    local file = vim.fn.findfile(marker, start .. ';')
    if file ~= '' then
      return vim.fn.fnamemodify(file, ':p:h')
    end
    local dir = vim.fn.finddir(marker, start .. ';')
    if dir ~= '' then
      return vim.fn.fnamemodify(dir, ':p:h:h')
    end
  end
  return start
end

-- The settings reach the server three ways, so that every Neovim version gives them: as
-- initializationOptions, pushed with workspace/didChangeConfiguration once the server is
-- initialized (Neovim 0.7 answers workspace/configuration but does not say that it does, so the
-- server does not ask), and as the answer when it asks.
local function push_settings(client)
  client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
end

-- Neovim 0.7 has no file watching: tell the server when a .sayso.yml is written, so turning a
-- rule off by hand takes effect at once, not at the next keystroke in the document.
local function watch_settings_files()
  local group = vim.api.nvim_create_augroup('sayso_settings_files', { clear = true })
  vim.api.nvim_create_autocmd('BufWritePost', {
    group = group,
    pattern = { '.sayso.yml', '.sayso.yaml' },
    callback = function(args)
      local uri = vim.uri_from_fname(vim.fn.fnamemodify(args.file, ':p'))
      for _, client in pairs(vim.lsp.get_active_clients()) do
        if client.name == 'sayso' then
          client.notify('workspace/didChangeWatchedFiles', { changes = { { uri = uri, type = 2 } } })
        end
      end
    end,
  })
end

-- Neovim 0.7's diagnostic pop-up shows the message alone; the rule's name is what
-- `sayso explain` and .sayso.yml take, so it is shown after it.
local function show_rule_names(client)
  local ok, namespace = pcall(vim.lsp.diagnostic.get_namespace, client.id)
  if not ok then
    return
  end
  vim.diagnostic.config({
    float = {
      format = function(diagnostic)
        local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
        local code = diagnostic.code or lsp.code
        return code and (diagnostic.message .. ' [' .. code .. ']') or diagnostic.message
      end,
    },
  }, namespace)
end

local function merged(opts)
  local config = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  config.init_options = config.init_options or config.settings
  local on_init = config.on_init
  config.on_init = function(client, result)
    push_settings(client)
    if on_init then
      on_init(client, result)
    end
  end
  local on_attach = config.on_attach
  config.on_attach = function(client, bufnr)
    show_rule_names(client)
    if config.codelens and client.server_capabilities.codeLensProvider then
      M.enable_codelens(bufnr)
    end
    if on_attach then
      on_attach(client, bufnr)
    end
  end
  return config
end

-- nvim-lspconfig: register sayso as a custom server, then set it up.
local function setup_with_lspconfig(lspconfig, config)
  local configs = require('lspconfig.configs')
  if not configs.sayso then
    configs.sayso = {
      default_config = {
        cmd = config.cmd,
        filetypes = config.filetypes,
        root_dir = lspconfig.util.root_pattern(unpack(config.root_markers)),
        single_file_support = true,
        settings = config.settings,
        init_options = config.init_options,
      },
      docs = { description = 'sayso: plain English and public involvement checks for grant applications.' },
    }
  end
  lspconfig.sayso.setup({
    on_attach = config.on_attach,
    on_init = config.on_init,
    capabilities = config.capabilities,
  })
end

-- Neovim 0.7 without nvim-lspconfig: one client per project root, attached on FileType.
local clients_by_root = {}

function M.attach(bufnr, config)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    -- A buffer with no file name has no URI Neovim 0.7 can file findings under: they would go
    -- to another, empty buffer and the writer would see none.
    vim.notify('sayso: save this buffer to a file to check it (or pipe it to: sayso check -)',
      vim.log.levels.INFO)
    return nil
  end
  local root = M.find_root(name, config.root_markers)
  local client_id = clients_by_root[root]
  if not client_id or not vim.lsp.get_client_by_id(client_id) then
    client_id = vim.lsp.start_client({
      name = 'sayso',
      cmd = config.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      settings = config.settings,
      init_options = config.init_options,
      on_init = config.on_init,
      on_attach = config.on_attach,
      capabilities = config.capabilities,
    })
    if not client_id then
      vim.notify('sayso: could not start ' .. table.concat(config.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[root] = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  return client_id
end

function M.setup(opts)
  local config = merged(opts)
  if vim.fn.executable(config.cmd[1]) ~= 1 then
    vim.notify('sayso: ' .. config.cmd[1] .. ' is not installed or not on PATH; set cmd in require("sayso").setup()',
      vim.log.levels.WARN)
    return
  end
  local has_lspconfig, lspconfig = pcall(require, 'lspconfig')
  if has_lspconfig and not config.without_lspconfig then
    watch_settings_files()
    setup_with_lspconfig(lspconfig, config)
    return
  end
  watch_settings_files()
  local group = vim.api.nvim_create_augroup('sayso_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf, config)
    end,
  })
end

return M
