-- End-to-end test of the documented Neovim setup: editors/neovim/sayso.lua's setup(), without
-- nvim-lspconfig, in headless Neovim 0.7. Neovim 0.7 answers workspace/configuration without
-- advertising it, so the settings given to setup() must reach the server some other way
-- (initializationOptions and a pushed workspace/didChangeConfiguration).
-- Run by run_nvim_e2e.sh, which sets SAYSO_BIN, SAYSO_SOURCE_DIR, SAYSO_E2E_DOC and
-- SAYSO_E2E_OUT.
local timeout_ms = tonumber(os.getenv('SAYSO_E2E_TIMEOUT_MS') or '20000')
local report = {}

local function note(text)
  table.insert(report, text)
end

local function finish(ok)
  local file = io.open(os.getenv('SAYSO_E2E_OUT'), 'w')
  file:write(table.concat(report, '\n') .. '\n')
  file:close()
  vim.cmd(ok and 'qall!' or 'cquit 3')
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    found[tostring(d.code)] = true
  end
  return found
end

local function run()
  local sayso = dofile(os.getenv('SAYSO_SOURCE_DIR') .. '/editors/neovim/sayso.lua')
  sayso.setup({
    cmd = { os.getenv('SAYSO_BIN'), 'lsp', '--stdio' },
    without_lspconfig = true,
    codelens = false,
    settings = { sayso = { language = 'en_GB', severity = { ['plain-english.wordy-words'] = 'off' } } },
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SAYSO_E2E_DOC')))
  local bufnr = vim.api.nvim_get_current_buf()

  -- Findings of other rules show the document was linted; wordy words stay off.
  if not vim.wait(timeout_ms, function()
    return codes(bufnr)['involvement.vague-plans'] ~= nil
  end, 20) then
    error('timed out waiting for diagnostics')
  end
  -- A moment more, for a publish made before the settings arrived to be replaced.
  vim.wait(500, function()
    return false
  end, 20)
  for code in pairs(codes(bufnr)) do
    note('finding: ' .. code)
  end
  assert(codes(bufnr)['plain-english.wordy-words'] == nil,
    "the settings from setup() did not reach the server: plain-english.wordy-words is still reported")
  for _, client in pairs(vim.lsp.get_active_clients()) do
    vim.lsp.stop_client(client.id)
  end
end

local ok, err = pcall(run)
if not ok then
  note('FAILED: ' .. tostring(err))
end
finish(ok)
