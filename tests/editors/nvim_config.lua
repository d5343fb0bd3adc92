-- Runs the documented Neovim setup (editors/neovim/sayso.lua) in headless Neovim 0.7 without
-- nvim-lspconfig: require('sayso').setup() must start `sayso lsp` on a Markdown buffer, show
-- findings, share one client between buffers of a project, and answer the server's
-- workspace/configuration request with the "sayso" settings.
-- Run by run_nvim_config.sh, which sets SAYSO_BIN, SAYSO_EDITORS_DIR, SAYSO_DOC, SAYSO_DOC2, SAYSO_OUT.
-- Generous: under AddressSanitizer on a busy 2-core machine the first lint (rules, dictionary)
-- took over 20 s once. A server that never answers still fails.
local timeout_ms = 60000
local report = {}
local function note(text) table.insert(report, text) end

local function wait_for(what, condition)
  if not vim.wait(timeout_ms, condition, 20) then
    error(string.format('timed out after %d ms waiting for %s', timeout_ms, what))
  end
end

local function sayso_clients()
  local found = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == 'sayso' then table.insert(found, client) end
  end
  return found
end

local function run()
  package.path = os.getenv('SAYSO_EDITORS_DIR') .. '/neovim/?.lua;' .. package.path
  local sayso = require('sayso')
  sayso.setup({
    cmd = { os.getenv('SAYSO_BIN'), 'lsp', '--stdio' },
    settings = { sayso = { profile = 'nihr', severity = { ['plain-english.passive-voice'] = 'off' } } },
  })

  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SAYSO_DOC')))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr].filetype == 'markdown', 'filetype is ' .. vim.bo[bufnr].filetype)
  wait_for('a plain-English finding', function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if type(d.code) == 'string' and d.code:sub(1, 14) == 'plain-english.' then return true end
    end
    return false
  end)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    note(string.format('%d:%d %s %s', d.lnum, d.col, tostring(d.code), d.message))
  end

  local clients = sayso_clients()
  assert(#clients == 1, 'expected one sayso client, got ' .. #clients)
  local client = clients[1]
  local expected_root = vim.fn.fnamemodify(os.getenv('SAYSO_DOC'), ':p:h:h') -- the project, above drafts/
  assert(client.config.root_dir == expected_root,
    'root_dir is ' .. tostring(client.config.root_dir) .. ', expected the folder of .sayso.yml ' .. expected_root)

  -- What Neovim answers when the server asks for section "sayso".
  local answer = vim.lsp.handlers['workspace/configuration'](nil, { items = { { section = 'sayso' } } },
    { client_id = client.id, method = 'workspace/configuration' })
  note('workspace/configuration: ' .. vim.fn.json_encode(answer))
  local sent = answer[1]
  assert(sent.profile == 'nihr' and sent.language == 'en_GB'
    and sent.severity['plain-english.passive-voice'] == 'off', 'wrong settings: ' .. vim.inspect(sent))

  -- Code lenses (on by default): the summary heading's words against the nihr limit.
  wait_for('code lenses from the setup', function() return #vim.lsp.codelens.get(bufnr) > 0 end)
  local lens = vim.lsp.codelens.get(bufnr)[1]
  note('code lens: ' .. lens.command.title)
  assert(lens.command.title:find(' / 300 words', 1, true), 'unexpected code lens: ' .. lens.command.title)

  -- A plain-text file in the same project: the same client, and findings there too.
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SAYSO_DOC2')))
  local bufnr2 = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr2].filetype == 'text', 'filetype is ' .. vim.bo[bufnr2].filetype)
  wait_for('findings in the plain-text buffer', function() return #vim.diagnostic.get(bufnr2) > 0 end)
  assert(#sayso_clients() == 1, 'a second client was started for the same project')
  assert(vim.lsp.buf_is_attached(bufnr2, client.id), 'the text buffer is not attached to the client')
  note('plain text findings: ' .. #vim.diagnostic.get(bufnr2))

  vim.lsp.stop_client(client.id)
  wait_for('the server to stop', function() return vim.lsp.get_client_by_id(client.id) == nil end)
end

local ok, err = pcall(run)
if not ok then note('FAILED: ' .. tostring(err)) end
local file = io.open(os.getenv('SAYSO_OUT'), 'w')
file:write(table.concat(report, '\n') .. '\n')
file:close()
vim.cmd(ok and 'qall!' or 'cquit 3')
