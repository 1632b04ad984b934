<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="zh_CN">
<context>
    <name>ActivityBars</name>
    <message>
        <source>暂无活跃数据</source>
        <translation>暫無活躍資料</translation>
    </message>
    <message>
        <source>{0}
消息 {1} · 活跃 {2} 人
进群 {3} · 退群 {4}</source>
        <translation>{0}
訊息 {1} · 活躍 {2} 人
入群 {3} · 退群 {4}</translation>
    </message>
</context>
<context>
    <name>AddRobotDialog</name>
    <message>
        <source>添加机器人 · {0}</source>
        <translation>添加機器人 · {0}</translation>
    </message>
    <message>
        <source>添加机器人</source>
        <translation>添加機器人</translation>
    </message>
    <message>
        <source>钉钉 / 飞书开启“加签”时填写 (SEC…); 企业微信不需要</source>
        <translation>釘釘 / 飛書開啟“加簽”時填寫 (SEC…); 企業微信不需要</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>在群设置 → 群机器人里复制完整的 Webhook 地址粘贴到这里。地址和密钥只保存在本机数据库, 界面和日志里只显示打码后的样子。</source>
        <translation>在群設定 → 群機器人裡複製完整的 Webhook 地址貼上到這裡。地址和密鑰只儲存在本機資料庫, 介面和日誌裡只顯示遮罩後的樣子。</translation>
    </message>
    <message>
        <source>Webhook 地址</source>
        <translation>Webhook 地址</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>加签密钥</source>
        <translation>加簽密鑰</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>粘贴地址后自动识别 (企业微信 / 钉钉 / 飞书)</source>
        <translation>貼上地址後自動識別 (企業微信 / 釘釘 / 飛書)</translation>
    </message>
    <message>
        <source>{0}群机器人</source>
        <translation>{0}群機器人</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>无法打开数据库</source>
        <extracomment>one dispatcher for the session: its robots&apos; rate limiters carry over between runs</extracomment>
        <translation>無法開啟資料庫</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>添加附件…</source>
        <extracomment>rows the editor&apos;s list shows before it scrolls rows the queue shows before it scrolls (then half of the next one, so the scroll is evident)</extracomment>
        <translation>新增附件…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>新增附件</translation>
    </message>
    <message>
        <source>图片 ({0});;所有文件 (*)</source>
        <translation>圖片 ({0});;所有檔案 (*)</translation>
    </message>
    <message>
        <source>最多 {0} 个附件, 另外 {1} 个没有添加</source>
        <translation>最多 {0} 個附件, 另外 {1} 個沒有加入</translation>
    </message>
    <message>
        <source>{0} (文件不存在)</source>
        <translation>{0} (檔案不存在)</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <source>附件 {0} 个 (先发文字, 再逐个粘贴)</source>
        <translation>附件 {0} 個 (先發文字, 再逐個貼上)</translation>
    </message>
    <message>
        <source>{0} 个文件不存在</source>
        <translation>{0} 個檔案不存在</translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <source>文件不存在</source>
        <translation>檔案不存在</translation>
    </message>
    <message>
        <source>复制图片</source>
        <translation>複製圖片</translation>
    </message>
    <message>
        <source>复制文件</source>
        <translation>複製檔案</translation>
    </message>
    <message>
        <source>放到剪贴板, 再到群聊里粘贴</source>
        <translation>放到剪貼簿, 再到群聊裡貼上</translation>
    </message>
    <message>
        <source>把文件放到剪贴板, 再到群聊里粘贴</source>
        <translation>把檔案放到剪貼簿, 再到群聊裡貼上</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>開啟所在資料夾</translation>
    </message>
</context>
<context>
    <name>BroadcastEditor</name>
    <message>
        <source>编辑群发</source>
        <translation>編輯群發</translation>
    </message>
    <message>
        <source>新建群发</source>
        <translation>新建群發</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>保存并启用</source>
        <translation>儲存並啟用</translation>
    </message>
    <message>
        <source>存为草稿</source>
        <translation>存為草稿</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>留空则取内容的第一行</source>
        <translation>留空則取內容的第一行</translation>
    </message>
    <message>
        <source>不使用模板</source>
        <translation>不使用範本</translation>
    </message>
    <message>
        <source>文本</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Markdown 只对机器人有效; 手动发送时复制的是原文</source>
        <translation>Markdown 只對機器人有效; 手動發送時複製的是原文</translation>
    </message>
    <message>
        <source>例如: {群名}的家人们, 今晚 20:00 截单, 请抓紧接龙~</source>
        <translation>例如: {群名}的家人們, 今晚 20:00 截單, 請抓緊接龍~</translation>
    </message>
    <message>
        <source>第几天</source>
        <translation>第幾天</translation>
    </message>
    <message>
        <source>添加步骤</source>
        <translation>添加步驟</translation>
    </message>
    <message>
        <source>删除步骤</source>
        <translation>刪除步驟</translation>
    </message>
    <message>
        <source>第 0 天 = 建群当天 (或群的开始日期)</source>
        <translation>第 0 天 = 建群當天 (或群的開始日期)</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>範本</translation>
    </message>
    <message>
        <source>附件 (图片和文件, 只用于手动发送)</source>
        <translation>附件 (圖片和檔案, 只用於手動發送)</translation>
    </message>
    <message>
        <source>搜索群名</source>
        <translation>搜尋群名</translation>
    </message>
    <message>
        <source>勾选显示的群</source>
        <translation>勾選顯示的群</translation>
    </message>
    <message>
        <source>全部取消</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>不使用分组</source>
        <translation>不使用分組</translation>
    </message>
    <message>
        <source>以及分组</source>
        <translation>以及分組</translation>
    </message>
    <message>
        <source>一次</source>
        <translation>一次</translation>
    </message>
    <message>
        <source>周期重复</source>
        <translation>周期重複</translation>
    </message>
    <message>
        <source>SOP (按建群天数)</source>
        <translation>SOP (按建群天數)</translation>
    </message>
    <message>
        <source>发送时间</source>
        <translation>發送時間</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>自定义规则 (RRULE)</source>
        <translation>自訂規則 (RRULE)</translation>
    </message>
    <message>
        <source> 日</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>重複</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>規則</translation>
    </message>
    <message>
        <source>SOP: 每个群从建群当天 (或群的开始日期) 算第 0 天, 按“内容”页的步骤表依次发送;之后才进入目标分组的群也会收到还没到期的步骤。</source>
        <translation>SOP: 每個群從建群當天 (或群的開始日期) 算第 0 天, 按“內容”頁的步驟表依次發送;之後才進入目標分組的群也會收到還沒到期的步驟。</translation>
    </message>
    <message>
        <source>免打扰时段</source>
        <translation>免打擾時段</translation>
    </message>
    <message>
        <source>落在免打扰时段的发送推迟到时段结束</source>
        <translation>落在免打擾時段的發送推遲到時段結束</translation>
    </message>
    <message>
        <source>发送方式</source>
        <translation>發送方式</translation>
    </message>
    <message>
        <source>未来 7 天</source>
        <translation>未來 7 天</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>預覽</translation>
    </message>
    <message>
        <source>没有添加附件时使用模板“{0}”的 {1} 个附件: {2}</source>
        <translation>沒有加入附件時使用範本“{0}”的 {1} 個附件: {2}</translation>
    </message>
    <message>
        <source>附件只用于手动发送的群, 机器人群只发文字 (目标中有 {0} 个机器人群)</source>
        <translation>附件只用於手動發送的群, 機器人群只發文字 (目標中有 {0} 個機器人群)</translation>
    </message>
    <message>
        <source>到时在“待发送”里复制图片, 粘贴到群里; 有机器人的群只发文字</source>
        <translation>到時在“待發送”裡複製圖片, 貼到群裡; 有機器人的群只發文字</translation>
    </message>
    <message>
        <source>SOP 第 {0} 步: “第几天”应为 0 或正整数</source>
        <translation>SOP 第 {0} 步: “第幾天”應為 0 或正整數</translation>
    </message>
    <message>
        <source>SOP 第 {0} 步: 时间应写成 时:分, 例如 09:00</source>
        <translation>SOP 第 {0} 步: 時間應寫成 時:分, 例如 09:00</translation>
    </message>
    <message>
        <source>已选 {0} 个群</source>
        <translation>已選 {0} 個群</translation>
    </message>
    <message>
        <source>分组“{0}”现在没有任何群: 到时仍没有群就不会发送。目标在每次发送时重新计算, 之后进入分组的群会收到。</source>
        <translation>分組“{0}”現在沒有任何群: 到時仍沒有群就不會發送。目標在每次發送時重新計算, 之後進入分組的群會收到。</translation>
    </message>
    <message>
        <source>分组“{0}”现在有 {1} 个群; 目标在每次发送时重新计算。</source>
        <translation>分組“{0}”現在有 {1} 個群; 目標在每次發送時重新計算。</translation>
    </message>
    <message>
        <source>发送时间 {0} 已经过去, 请选择现在或以后的时间</source>
        <translation>發送時間 {0} 已經過去, 請選擇現在或以後的時間</translation>
    </message>
    <message>
        <source>时间设置有误, 见“时间”页</source>
        <translation>時間設定有誤, 見“時間”頁</translation>
    </message>
    <message>
        <source>第 {0} 天 {1}  {2}</source>
        <translation>第 {0} 天 {1}  {2}</translation>
    </message>
    <message>
        <source>SOP 步骤 (每个群按自己的建群日期)</source>
        <translation>SOP 步驟 (每個群按自己的建群日期)</translation>
    </message>
    <message>
        <source>未来 7 天: {0} 次</source>
        <translation>未來 7 天: {0} 次</translation>
    </message>
    <message>
        <source>… 共 {0} 次</source>
        <translation>… 共 {0} 次</translation>
    </message>
    <message>
        <source>7 天内没有发送</source>
        <translation>7 天內沒有發送</translation>
    </message>
    <message>
        <source>注意: 7 天内要发 {0} 次, 群友可能会觉得被打扰</source>
        <translation>注意: 7 天內要發 {0} 次, 群友可能會覺得被打擾</translation>
    </message>
    <message>
        <source>{0} 个群: {1} 个由机器人发送, {2} 个手动发送</source>
        <translation>{0} 個群: {1} 個由機器人發送, {2} 個手動發送</translation>
    </message>
    <message>
        <source>{0} 个群无法生成内容 (标有 ⚠), 这些群不会发送</source>
        <translation>{0} 個群無法生成內容 (標有 ⚠), 這些群不會發送</translation>
    </message>
    <message>
        <source>{0} 个群的内容超过机器人单条上限, 将分成 {1} 条发送</source>
        <translation>{0} 個群的內容超過機器人單條上限, 將分成 {1} 條發送</translation>
    </message>
    <message>
        <source>先写内容</source>
        <translation>先寫內容</translation>
    </message>
    <message>
        <source>先选择目标群或分组</source>
        <translation>先選擇目標群或分組</translation>
    </message>
    <message>
        <source>超过{0}机器人单条上限, 将分成 {1} 条发送</source>
        <translation>超過{0}機器人單條上限, 將分成 {1} 條發送</translation>
    </message>
    <message>
        <source>由{0}机器人发送</source>
        <translation>由{0}機器人發送</translation>
    </message>
    <message>
        <source>这个群没有机器人: 到时放进“待发送”, 由你手动发送</source>
        <translation>這個群沒有機器人: 到時放進“待發送”, 由你手動發送</translation>
    </message>
    <message>
        <source>请填写重复规则, 例如 FREQ=WEEKLY;BYDAY=MO,WE,FR</source>
        <translation>請填寫重複規則, 例如 FREQ=WEEKLY;BYDAY=MO,WE,FR</translation>
    </message>
    <message>
        <source>请在“目标”页至少勾选一个群或选择一个分组</source>
        <translation>請在“目標”頁至少勾選一個群或選擇一個分組</translation>
    </message>
</context>
<context>
    <name>Broadcasts</name>
    <message>
        <source>草稿</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>待確認</translation>
    </message>
    <message>
        <source>等待发送</source>
        <translation>等待發送</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>發送中</translation>
    </message>
    <message>
        <source>已发送</source>
        <translation>已發送</translation>
    </message>
    <message>
        <source>发送失败</source>
        <translation>發送失敗</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>已跳過</translation>
    </message>
    <message>
        <source>已手动发送</source>
        <translation>已手動發送</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>企业微信</source>
        <translation>企業微信</translation>
    </message>
    <message>
        <source>钉钉</source>
        <translation>釘釘</translation>
    </message>
    <message>
        <source>飞书</source>
        <translation>飛書</translation>
    </message>
    <message>
        <source>一</source>
        <translation>一</translation>
    </message>
    <message>
        <source>二</source>
        <translation>二</translation>
    </message>
    <message>
        <source>三</source>
        <translation>三</translation>
    </message>
    <message>
        <source>四</source>
        <translation>四</translation>
    </message>
    <message>
        <source>五</source>
        <translation>五</translation>
    </message>
    <message>
        <source>六</source>
        <translation>六</translation>
    </message>
    <message>
        <source>日</source>
        <translation>日</translation>
    </message>
    <message>
        <source>{0} 周{1}</source>
        <translation>{0} 周{1}</translation>
    </message>
    <message>
        <source>周期: {0}</source>
        <translation>周期: {0}</translation>
    </message>
    <message>
        <source>每天 {0}</source>
        <translation>每天 {0}</translation>
    </message>
    <message>
        <source>每 {0} 天 {1}</source>
        <translation>每 {0} 天 {1}</translation>
    </message>
    <message>
        <source>每周{0} {1}</source>
        <translation>每周{0} {1}</translation>
    </message>
    <message>
        <source>每 {0} 周的周{1} {2}</source>
        <translation>每 {0} 周的周{1} {2}</translation>
    </message>
    <message>
        <source>每月 {0} 日 {1}</source>
        <translation>每月 {0} 日 {1}</translation>
    </message>
    <message>
        <source>每 {0} 个月的 {1} 日 {2}</source>
        <translation>每 {0} 個月的 {1} 日 {2}</translation>
    </message>
    <message>
        <source>一次 {0}</source>
        <translation>一次 {0}</translation>
    </message>
    <message>
        <source>一次</source>
        <translation>一次</translation>
    </message>
    <message>
        <source>SOP {0} 步</source>
        <translation>SOP {0} 步</translation>
    </message>
    <message>
        <source>{0} 个群</source>
        <translation>{0} 個群</translation>
    </message>
    <message>
        <source>分组“{0}”</source>
        <translation>分組“{0}”</translation>
    </message>
    <message>
        <source>分组 (已删除)</source>
        <translation>分組 (已刪除)</translation>
    </message>
    <message>
        <source>待发完</source>
        <translation>待發完</translation>
    </message>
</context>
<context>
    <name>BroadcastsPage</name>
    <message>
        <source>群发列表</source>
        <translation>群發列表</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>待發送</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>待確認</translation>
    </message>
    <message>
        <source>日程</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>範本</translation>
    </message>
    <message>
        <source>去确认</source>
        <extracomment>what the page listens to manual sends waiting (the navigation shows a badge)</extracomment>
        <translation>去確認</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>发送计划</source>
        <translation>發送計劃</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>没有新的发送要安排, 还有消息等待发送</source>
        <translation>沒有新的發送要安排, 還有訊息等待發送</translation>
    </message>
    <message>
        <source>下次发送</source>
        <translation>下次發送</translation>
    </message>
    <message>
        <source>已发/失败/待发</source>
        <translation>已發/失敗/待發</translation>
    </message>
    <message>
        <source>已发送 (含手动) / 发送失败 / 等待发送</source>
        <translation>已發送 (含手動) / 發送失敗 / 等待發送</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>取消…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>删除草稿…</source>
        <translation>刪除草稿…</translation>
    </message>
    <message>
        <source>还没有群发。
点击“新建…”写一条消息, 选择目标群和发送时间;
有机器人的群自动发送, 其余的群到时出现在“待发送”里。</source>
        <translation>還沒有群發。
點擊“新建…”寫一條訊息, 選擇目標群和發送時間;
有機器人的群自動發送, 其餘的群到時出現在“待發送”裡。</translation>
    </message>
    <message>
        <source>群</source>
        <translation>群</translation>
    </message>
    <message>
        <source>时间点</source>
        <translation>時間點</translation>
    </message>
    <message>
        <source>到期 {0}</source>
        <translation>到期 {0}</translation>
    </message>
    <message>
        <source>尝试</source>
        <translation>嘗試</translation>
    </message>
    <message>
        <source>最后错误</source>
        <translation>最後錯誤</translation>
    </message>
    <message>
        <source>发送于</source>
        <translation>發送於</translation>
    </message>
    <message>
        <source>发送记录</source>
        <translation>發送記錄</translation>
    </message>
    <message>
        <source>重新发送</source>
        <translation>重新發送</translation>
    </message>
    <message>
        <source>把发送失败的这一条重新排队</source>
        <translation>把發送失敗的這一條重新排隊</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>群發</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>机器人</source>
        <translation>機器人</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>已发出</source>
        <translation>已發出</translation>
    </message>
    <message>
        <source>在群里看到了这条消息: 记为已发送</source>
        <translation>在群裡看到了這條訊息: 記為已發送</translation>
    </message>
    <message>
        <source>未发出 (重新排队)</source>
        <translation>未發出 (重新排隊)</translation>
    </message>
    <message>
        <source>群里没有这条消息: 重新排队, 下次发送时发出</source>
        <translation>群裡沒有這條訊息: 重新排隊, 下次發送時發出</translation>
    </message>
    <message>
        <source>这些消息发送到一半时程序退出了, 无法确定群里是否收到。请到群里看一眼再选择; 群管家不会自动重发。</source>
        <translation>這些訊息發送到一半時程式退出了, 無法確定群裡是否收到。請到群裡看一眼再選擇; 群管家不會自動重發。</translation>
    </message>
    <message>
        <source>没有需要确认的消息</source>
        <translation>沒有需要確認的訊息</translation>
    </message>
    <message>
        <source>所有群</source>
        <translation>所有群</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>未来 7 天 · 群</source>
        <translation>未來 7 天 · 群</translation>
    </message>
    <message>
        <source>{0} 个群</source>
        <translation>{0} 個群</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>机器人 {0} · 手动 {1}</source>
        <translation>機器人 {0} · 手動 {1}</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>文本</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>变量</source>
        <translation>變數</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>预览群</source>
        <translation>預覽群</translation>
    </message>
    <message>
        <source>发送记录: {0}</source>
        <translation>發送記錄: {0}</translation>
    </message>
    <message>
        <source>待确认 ({0})</source>
        <translation>待確認 ({0})</translation>
    </message>
    <message>
        <source>有 {0} 条消息在发送途中被中断 (程序退出或崩溃), 不知道群里是否收到。请在“待确认”里逐条确认, 群管家不会自动重发。</source>
        <translation>有 {0} 條訊息在發送途中被中斷 (程式退出或崩潰), 不知道群裡是否收到。請在“待確認”裡逐條確認, 群管家不會自動重發。</translation>
    </message>
    <message>
        <source>待发送 ({0})</source>
        <translation>待發送 ({0})</translation>
    </message>
    <message>
        <source>{0} 次发送, 共 {1} 条消息</source>
        <translation>{0} 次發送, 共 {1} 條訊息</translation>
    </message>
    <message>
        <source>未来 7 天没有安排发送</source>
        <translation>未來 7 天沒有安排發送</translation>
    </message>
    <message>
        <source>机器人已停用: {0}。请在群组页该群的“机器人”页检查 Webhook 地址后重新启用。</source>
        <translation>機器人已停用: {0}。請在群組頁該群的“機器人”頁檢查 Webhook 地址後重新啟用。</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>恢復</translation>
    </message>
    <message>
        <source>已保存群发“{0}”</source>
        <translation>已儲存群發“{0}”</translation>
    </message>
    <message>
        <source>取消群发</source>
        <translation>取消群發</translation>
    </message>
    <message>
        <source>取消群发“{0}”? 还没发送的消息都不再发送 (记为已跳过), 发送记录会保留。</source>
        <translation>取消群發“{0}”? 還沒發送的訊息都不再發送 (記為已跳過), 發送記錄會保留。</translation>
    </message>
    <message>
        <source>已复制为草稿“{0}”</source>
        <translation>已複製為草稿“{0}”</translation>
    </message>
    <message>
        <source>删除草稿</source>
        <translation>刪除草稿</translation>
    </message>
    <message>
        <source>删除草稿“{0}”?</source>
        <translation>刪除草稿“{0}”?</translation>
    </message>
    <message>
        <source>已记为已发送: {0}</source>
        <translation>已記為已發送: {0}</translation>
    </message>
    <message>
        <source>已重新排队: {0}</source>
        <translation>已重新排隊: {0}</translation>
    </message>
    <message>
        <source>已保存模板“{0}”</source>
        <translation>已儲存範本“{0}”</translation>
    </message>
    <message>
        <source>删除模板</source>
        <translation>刪除範本</translation>
    </message>
    <message>
        <source>删除模板“{0}”? 用过它的群发不受影响。</source>
        <translation>刪除範本“{0}”? 用過它的群發不受影響。</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>编辑团购</source>
        <translation>編輯團購</translation>
    </message>
    <message>
        <source>新建团购</source>
        <translation>新建團購</translation>
    </message>
    <message>
        <source>例如: 阳光花园 12月第2周 水果团</source>
        <translation>例如: 陽光花園 12月第2週 水果團</translation>
    </message>
    <message>
        <source>团长的名字</source>
        <translation>團長的名字</translation>
    </message>
    <message>
        <source>搜索群名</source>
        <translation>搜尋群名</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>活動名稱</translation>
    </message>
    <message>
        <source>团长</source>
        <translation>團長</translation>
    </message>
    <message>
        <source>开团时间</source>
        <translation>開團時間</translation>
    </message>
    <message>
        <source>截单时间</source>
        <translation>截單時間</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>在哪些群开团</source>
        <translation>在哪些群開團</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>規格</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>成本价</source>
        <translation>成本價</translation>
    </message>
    <message>
        <source>每人限购</source>
        <translation>每人限購</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>庫存</translation>
    </message>
    <message>
        <source>添加商品</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <source>删除所选商品</source>
        <translation>刪除所選商品</translation>
    </message>
    <message>
        <source>价格以元为单位; 限购和库存留空表示不限</source>
        <translation>價格以元為單位; 限購和庫存留空表示不限</translation>
    </message>
    <message>
        <source>新自提点名称</source>
        <translation>新自提點名稱</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>添加自提点</source>
        <translation>新增自提點</translation>
    </message>
    <message>
        <source>修改所选…</source>
        <translation>修改所選…</translation>
    </message>
    <message>
        <source>修改所选自提点的名称、地址、联系人和电话</source>
        <translation>修改所選自提點的名稱、地址、聯絡人和電話</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>刪除所選</translation>
    </message>
    <message>
        <source>删除没有订单用到的自提点</source>
        <translation>刪除沒有訂單用到的自提點</translation>
    </message>
    <message>
        <source>自提点 (勾选本次使用的)</source>
        <translation>自提點 (勾選本次使用的)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>已选 {0} 个群</source>
        <translation>已選 {0} 個群</translation>
    </message>
    <message>
        <source>已有自提点“{0}”, 勾选它即可</source>
        <translation>已有自提點「{0}」, 勾選它即可</translation>
    </message>
    <message>
        <source>已有自提点“{0}”</source>
        <translation>已有自提點「{0}」</translation>
    </message>
    <message>
        <source>删除自提点</source>
        <translation>刪除自提點</translation>
    </message>
    <message>
        <source>删除自提点“{0}”? 所有团购都不再有这个自提点。有订单用到的自提点不能删除。</source>
        <translation>刪除自提點「{0}」? 所有團購都不再有這個自提點。有訂單用到的自提點不能刪除。</translation>
    </message>
    <message>
        <source>第 {0} 个商品的{1}“{2}”不是整数</source>
        <translation>第 {0} 個商品的{1}「{2}」不是整數</translation>
    </message>
    <message>
        <source>第 {0} 个商品: {1}</source>
        <translation>第 {0} 個商品: {1}</translation>
    </message>
    <message>
        <source>请至少添加一个商品</source>
        <translation>請至少新增一個商品</translation>
    </message>
    <message>
        <source>已把它放回商品列表, 再点保存即可。</source>
        <translation>已把它放回商品列表, 再點儲存即可。</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>导出 PNG</source>
        <translation>匯出 PNG</translation>
    </message>
    <message>
        <source>把这张图存成 PNG 图片</source>
        <translation>把這張圖存成 PNG 圖片</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>消息数</source>
        <translation>訊息數</translation>
    </message>
    <message>
        <source>活跃成员</source>
        <translation>活躍成員</translation>
    </message>
    <message>
        <source>消息 7日均线</source>
        <translation>訊息 7日均線</translation>
    </message>
    <message>
        <source>活跃成员 (右轴)</source>
        <translation>活躍成員 (右軸)</translation>
    </message>
    <message>
        <source>活跃 7日均线</source>
        <translation>活躍 7日均線</translation>
    </message>
    <message>
        <source>周一</source>
        <translation>週一</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>週二</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>週三</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>週四</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>週五</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>週六</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>週日</translation>
    </message>
    <message>
        <source>{0}时</source>
        <translation>{0}時</translation>
    </message>
    <message>
        <source>{0} {1}:00–{2}:00&lt;br&gt;消息 {3} 条</source>
        <translation>{0} {1}:00–{2}:00&lt;br&gt;訊息 {3} 則</translation>
    </message>
    <message>
        <source>净增</source>
        <translation>淨增</translation>
    </message>
    <message>
        <source>入群</source>
        <translation>入群</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>退群</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;入群 {1}&lt;br&gt;退群 {2}&lt;br&gt;净增 {3}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;入群 {1}&lt;br&gt;退群 {2}&lt;br&gt;淨增 {3}</translation>
    </message>
    <message>
        <source>成交额 (元)</source>
        <translation>成交額 (元)</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>訂單數</translation>
    </message>
    <message>
        <source>成交额</source>
        <translation>成交額</translation>
    </message>
    <message>
        <source>订单数 (右轴)</source>
        <translation>訂單數 (右軸)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;成交额 {1}&lt;br&gt;订单 {2} 笔</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;成交額 {1}&lt;br&gt;訂單 {2} 筆</translation>
    </message>
</context>
<context>
    <name>ClassificationPage</name>
    <message>
        <source>维度与标签</source>
        <translation>維度與標籤</translation>
    </message>
    <message>
        <source>自动分类规则</source>
        <translation>自動分類規則</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>对比群或分组</source>
        <translation>對比群或分組</translation>
    </message>
    <message>
        <source>搜索群名或分组名</source>
        <translation>搜尋群名或分組名</translation>
    </message>
    <message>
        <source>最多选 {0} 个, 画在活跃趋势图上。</source>
        <translation>最多選 {0} 個, 畫在活躍趨勢圖上。</translation>
    </message>
    <message>
        <source>分组 · {0}</source>
        <translation>分組 · {0}</translation>
    </message>
    <message>
        <source>不对比</source>
        <translation>不對比</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>今天</source>
        <extracomment>the operator clicked a group&apos;s bar: show it on the Groups page a dashboard (overview) is on screen; the people and heatmap parts may still be coming charts with something to draw, drawn once the visible ones have painted (see _plot)</extracomment>
        <translation>今天</translation>
    </message>
    <message>
        <source>近 7 天</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>近 30 天</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>自訂</translation>
    </message>
    <message>
        <source>全部群</source>
        <translation>全部群</translation>
    </message>
    <message>
        <source>输入群名查找</source>
        <translation>輸入群名查找</translation>
    </message>
    <message>
        <source>对比…</source>
        <translation>對比…</translation>
    </message>
    <message>
        <source>在活跃趋势图上对比最多 {0} 个群或分组</source>
        <translation>在活躍趨勢圖上對比最多 {0} 個群或分組</translation>
    </message>
    <message>
        <source>目标…</source>
        <translation>目標…</translation>
    </message>
    <message>
        <source>为当前周期设定目标, 卡片上显示完成度</source>
        <translation>為目前週期設定目標, 卡片上顯示完成度</translation>
    </message>
    <message>
        <source>导出看板…</source>
        <translation>匯出看板…</translation>
    </message>
    <message>
        <source>把整个看板存成一张 PNG 图片或一页 PDF</source>
        <translation>把整個看板存成一張 PNG 圖片或一頁 PDF</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>週期</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>範圍</translation>
    </message>
    <message>
        <source>活跃趋势</source>
        <translation>活躍趨勢</translation>
    </message>
    <message>
        <source>一周节奏 (星期 × 小时)</source>
        <translation>一週節奏 (星期 × 小時)</translation>
    </message>
    <message>
        <source>成员增长</source>
        <translation>成員增長</translation>
    </message>
    <message>
        <source>成交额与订单</source>
        <translation>成交額與訂單</translation>
    </message>
    <message>
        <source>最活跃的 20 个群</source>
        <translation>最活躍的 20 個群</translation>
    </message>
    <message>
        <source>最沉默的群</source>
        <translation>最沉默的群</translation>
    </message>
    <message>
        <source>转化漏斗 引流 → 成交 → 复购 → 裂变</source>
        <translation>轉化漏斗 引流 → 成交 → 回購 → 裂變</translation>
    </message>
    <message>
        <source>客户等级分布</source>
        <translation>客戶等級分佈</translation>
    </message>
    <message>
        <source>平台分布</source>
        <translation>平台分佈</translation>
    </message>
    <message>
        <source>平台 · {0}</source>
        <translation>平台 · {0}</translation>
    </message>
    <message>
        <source>分组 · {0}</source>
        <translation>分組 · {0}</translation>
    </message>
    <message>
        <source>单个群…</source>
        <translation>單個群…</translation>
    </message>
    <message>
        <source>对比 ({0})…</source>
        <translation>對比 ({0})…</translation>
    </message>
    <message>
        <source>开始日期晚于结束日期, 请重新选择周期。</source>
        <translation>開始日期晚於結束日期, 請重新選擇週期。</translation>
    </message>
    <message>
        <source>正在更新…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>群 · {0}</source>
        <translation>群 · {0}</translation>
    </message>
    <message>
        <source>{0} · 本期 {1} ({2} 天), 对比上期 {3}</source>
        <translation>{0} · 本期 {1} ({2} 天), 對比上期 {3}</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source> · 周期还没有结束, 统计到今天为止</source>
        <translation> · 週期還沒有結束, 統計到今天為止</translation>
    </message>
    <message>
        <source>只有 1 天的数据, 还看不出趋势; 7 日均线要满 7 天才画。</source>
        <translation>只有 1 天的資料, 還看不出趨勢; 7 日均線要滿 7 天才畫。</translation>
    </message>
    <message>
        <source>数据从 {0} 开始, 之前的日子没有画。</source>
        <translation>資料從 {0} 開始, 之前的日子沒有畫。</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>正在統計…</translation>
    </message>
    <message>
        <source>工作区还没有群。
新建群或从 Excel 导入群和互动记录后, 这里会显示看板。</source>
        <translation>工作區還沒有群。
新建群或從 Excel 匯入群和互動記錄後, 這裡會顯示看板。</translation>
    </message>
    <message>
        <source>所选周期从 {0} 开始, 还没有到。
请选择今天或更早的日子。</source>
        <translation>所選週期從 {0} 開始, 還沒有到。
請選擇今天或更早的日子。</translation>
    </message>
    <message>
        <source>这个周期没有互动和订单记录。
换一个周期看看, 或导入聊天记录、群统计和团购订单。</source>
        <translation>這個週期沒有互動和訂單記錄。
換一個週期看看, 或匯入聊天記錄、群統計和團購訂單。</translation>
    </message>
    <message>
        <source>对比: 各自每天的消息数。</source>
        <translation>對比: 各自每天的訊息數。</translation>
    </message>
    <message>
        <source>每天的消息数和活跃成员, 虚线是 7 日均线。</source>
        <translation>每天的訊息數和活躍成員, 虛線是 7 日均線。</translation>
    </message>
    <message>
        <source>这个周期没有人入群或退群。</source>
        <translation>這個週期沒有人入群或退群。</translation>
    </message>
    <message>
        <source>{0} ~ {1}</source>
        <translation>{0} ~ {1}</translation>
    </message>
    <message>
        <source>按周汇总 (周期较长)。</source>
        <translation>按週彙總 (週期較長)。</translation>
    </message>
    <message>
        <source>工作区还没有订单。
导入团购订单后, 这里显示每天的成交额和订单数。</source>
        <translation>工作區還沒有訂單。
匯入團購訂單後, 這裡顯示每天的成交額和訂單數。</translation>
    </message>
    <message>
        <source>这个周期没有有效订单 (已付款或已退款)。</source>
        <translation>這個週期沒有有效訂單 (已付款或已退款)。</translation>
    </message>
    <message>
        <source>消息 {0} 条 · 有发言 {1} 天 · 人均活跃 {2}</source>
        <translation>訊息 {0} 則 · 有發言 {1} 天 · 人均活躍 {2}</translation>
    </message>
    <message>
        <source>按本期消息数排序, 点击群条打开这个群。</source>
        <translation>按本期訊息數排序, 點擊群條打開這個群。</translation>
    </message>
    <message>
        <source>这个周期没有群发言。</source>
        <translation>這個週期沒有群發言。</translation>
    </message>
    <message>
        <source>{0} 天</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <source>从未发言</source>
        <translation>從未發言</translation>
    </message>
    <message>
        <source>最后发言 {0} · 沉默 {1} 天</source>
        <translation>最後發言 {0} · 沉默 {1} 天</translation>
    </message>
    <message>
        <source>还没有发言记录</source>
        <translation>還沒有發言記錄</translation>
    </message>
    <message>
        <source>本期一条消息都没有的群, 沉默最久的在上; 点击打开这个群。</source>
        <translation>本期一則訊息都沒有的群, 沉默最久的在上; 點擊打開這個群。</translation>
    </message>
    <message>
        <source>这个周期每个群都有人发言, 没有沉默群。</source>
        <translation>這個週期每個群都有人發言, 沒有沉默群。</translation>
    </message>
    <message>
        <source>范围内没有群。</source>
        <translation>範圍內沒有群。</translation>
    </message>
    <message>
        <source>群 {0} 个 · 消息 {1} 条 · 成交额 {2}</source>
        <translation>群 {0} 個 · 訊息 {1} 則 · 成交額 {2}</translation>
    </message>
    <message>
        <source>各平台占本期消息的比例。</source>
        <translation>各平台佔本期訊息的比例。</translation>
    </message>
    <message>
        <source>各平台的群数比例 (本期没有消息)。</source>
        <translation>各平台的群數比例 (本期沒有訊息)。</translation>
    </message>
    <message>
        <source>范围内的群在这个周期没有成员。</source>
        <translation>範圍內的群在這個週期沒有成員。</translation>
    </message>
    <message>
        <source>引流</source>
        <translation>引流</translation>
    </message>
    <message>
        <source>成交</source>
        <translation>成交</translation>
    </message>
    <message>
        <source>复购</source>
        <translation>回購</translation>
    </message>
    <message>
        <source>裂变</source>
        <translation>裂變</translation>
    </message>
    <message>
        <source>本期在群里的人</source>
        <translation>本期在群裡的人</translation>
    </message>
    <message>
        <source>有有效订单的人 (含只留手机号的)</source>
        <translation>有有效訂單的人 (含只留手機號的)</translation>
    </message>
    <message>
        <source>本期下单 2 次及以上的人</source>
        <translation>本期下單 2 次及以上的人</translation>
    </message>
    <message>
        <source>本期带新人入群的人</source>
        <translation>本期帶新人入群的人</translation>
    </message>
    <message>
        <source>占引流</source>
        <translation>佔引流</translation>
    </message>
    <message>
        <source>占成交 (复购率)</source>
        <translation>佔成交 (回購率)</translation>
    </message>
    <message>
        <source>占引流 (转介绍率)</source>
        <translation>佔引流 (轉介紹率)</translation>
    </message>
    <message>
        <source>{0}: {1} 人{2}</source>
        <translation>{0}: {1} 人{2}</translation>
    </message>
    <message>
        <source>括号里: 成交占引流, 复购占成交 (复购率), 裂变占引流 (转介绍率)。</source>
        <translation>括號裡: 成交佔引流, 回購佔成交 (回購率), 裂變佔引流 (轉介紹率)。</translation>
    </message>
    <message>
        <source>工作区还没有订单, 成交和复购为 0。</source>
        <translation>工作區還沒有訂單, 成交和回購為 0。</translation>
    </message>
    <message>
        <source>{0} 人 · 占 {1:.1f}%</source>
        <translation>{0} 人 · 佔 {1:.1f}%</translation>
    </message>
    <message>
        <source>本期在范围内群里的 {0} 人, 按现在的客户等级。</source>
        <translation>本期在範圍內群裡的 {0} 人, 按現在的客戶等級。</translation>
    </message>
    <message>
        <source>这段时间没有消息记录, 画不出一周节奏。</source>
        <translation>這段時間沒有訊息記錄, 畫不出一週節奏。</translation>
    </message>
    <message>
        <source>{0} 的消息 (最多看最近 4 周), 颜色越深越热闹。</source>
        <translation>{0} 的訊息 (最多看最近 4 週), 顏色越深越熱鬧。</translation>
    </message>
    <message>
        <source>正在读取群和分组, 请稍后再点</source>
        <translation>正在讀取群和分組, 請稍後再點</translation>
    </message>
    <message>
        <source>看板目标 · {0}</source>
        <translation>看板目標 · {0}</translation>
    </message>
    <message>
        <source>看板目标 · 自定义周期 (与报告共用)</source>
        <translation>看板目標 · 自訂週期 (與報告共用)</translation>
    </message>
    <message>
        <source>导出图表</source>
        <translation>匯出圖表</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG 圖片 (*.png)</translation>
    </message>
    <message>
        <source>无法写入 {0}</source>
        <translation>無法寫入 {0}</translation>
    </message>
    <message>
        <source>已导出 {0}</source>
        <translation>已匯出 {0}</translation>
    </message>
    <message>
        <source>导出看板</source>
        <translation>匯出看板</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png);;PDF 文档 (*.pdf)</source>
        <translation>PNG 圖片 (*.png);;PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>群管家看板</source>
        <translation>群管家看板</translation>
    </message>
</context>
<context>
    <name>DimensionDialog</name>
    <message>
        <source>新建维度</source>
        <translation>新增維度</translation>
    </message>
    <message>
        <source>例如: 地区、渠道、产品线</source>
        <translation>例如: 地區、渠道、產品線</translation>
    </message>
    <message>
        <source>单选: 一个群只能有其中一个标签</source>
        <translation>單選: 一個群只能有其中一個標籤</translation>
    </message>
    <message>
        <source>多选: 一个群可以同时有多个标签</source>
        <translation>多選: 一個群可以同時有多個標籤</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>选择方式</source>
        <translation>選擇方式</translation>
    </message>
</context>
<context>
    <name>DimensionsPanel</name>
    <message>
        <source>维度是给群分类的角度 (时间、功能、人群…), 每个维度下有若干标签。单选维度下一个群只能有一个标签, 多选维度下可以有多个。</source>
        <translation>維度是給群分類的角度 (時間、功能、人群…), 每個維度下有若干標籤。單選維度下一個群只能有一個標籤, 多選維度下可以有多個。</translation>
    </message>
    <message>
        <source>维度 / 标签</source>
        <translation>維度 / 標籤</translation>
    </message>
    <message>
        <source>选择方式</source>
        <translation>選擇方式</translation>
    </message>
    <message>
        <source>使用的群</source>
        <translation>使用的群</translation>
    </message>
    <message>
        <source>新建维度…</source>
        <translation>新增維度…</translation>
    </message>
    <message>
        <source>新建标签…</source>
        <translation>新增標籤…</translation>
    </message>
    <message>
        <source>重命名…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>颜色…</source>
        <translation>顏色…</translation>
    </message>
    <message>
        <source>改为多选</source>
        <translation>改為多選</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>合併到…</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>多选</source>
        <translation>多選</translation>
    </message>
    <message>
        <source>单选</source>
        <translation>單選</translation>
    </message>
    <message>
        <source>{0} · {1} 个标签</source>
        <translation>{0} · {1} 個標籤</translation>
    </message>
    <message>
        <source>改为单选</source>
        <translation>改為單選</translation>
    </message>
    <message>
        <source>分类设置</source>
        <translation>分類設定</translation>
    </message>
    <message>
        <source>已新建维度“{0}”</source>
        <translation>已新增維度「{0}」</translation>
    </message>
    <message>
        <source>新建标签</source>
        <translation>新增標籤</translation>
    </message>
    <message>
        <source>“{0}”下的新标签名称:</source>
        <translation>「{0}」下的新標籤名稱:</translation>
    </message>
    <message>
        <source>已新建标签“{0}”</source>
        <translation>已新增標籤「{0}」</translation>
    </message>
    <message>
        <source>重命名</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>新名称:</source>
        <translation>新名稱:</translation>
    </message>
    <message>
        <source>已改名为“{0}”</source>
        <translation>已改名為「{0}」</translation>
    </message>
    <message>
        <source>“{0}”的颜色</source>
        <translation>「{0}」的顏色</translation>
    </message>
    <message>
        <source>已更改“{0}”的颜色</source>
        <translation>已變更「{0}」的顏色</translation>
    </message>
    <message>
        <source>“{0}”改为多选</source>
        <translation>「{0}」改為多選</translation>
    </message>
    <message>
        <source>“{0}”改为单选</source>
        <translation>「{0}」改為單選</translation>
    </message>
    <message>
        <source>合并标签</source>
        <translation>合併標籤</translation>
    </message>
    <message>
        <source>“{0}”下没有别的标签可以合并。</source>
        <translation>「{0}」下沒有別的標籤可以合併。</translation>
    </message>
    <message>
        <source>把“{0}”合并到:</source>
        <translation>把「{0}」合併到:</translation>
    </message>
    <message>
        <source>带“{0}”的 {1} 个群将改为带“{2}”, 然后删除“{0}”。此操作不能撤销, 继续吗?</source>
        <translation>帶「{0}」的 {1} 個群將改為帶「{2}」, 然後刪除「{0}」。此操作無法復原, 繼續嗎?</translation>
    </message>
    <message>
        <source>已把“{0}”合并到“{1}” ({2} 个群)</source>
        <translation>已把「{0}」合併到「{1}」({2} 個群)</translation>
    </message>
    <message>
        <source>已调整维度顺序</source>
        <translation>已調整維度順序</translation>
    </message>
    <message>
        <source>已调整标签顺序</source>
        <translation>已調整標籤順序</translation>
    </message>
    <message>
        <source>标签“{0}”正被 {1} 个群使用, 删除后这些群将失去这个标签, 用它的自动分类规则也会一并删除。此操作不能撤销, 删除吗?</source>
        <translation>標籤「{0}」正被 {1} 個群使用, 刪除後這些群將失去這個標籤, 用它的自動分類規則也會一併刪除。此操作無法復原, 刪除嗎?</translation>
    </message>
    <message>
        <source>删除标签“{0}”? 没有群在使用它。</source>
        <translation>刪除標籤「{0}」? 沒有群在使用它。</translation>
    </message>
    <message>
        <source>删除标签</source>
        <translation>刪除標籤</translation>
    </message>
    <message>
        <source>已删除标签“{0}” ({1} 个群失去该标签)</source>
        <translation>已刪除標籤「{0}」({1} 個群失去該標籤)</translation>
    </message>
    <message>
        <source>删除维度</source>
        <translation>刪除維度</translation>
    </message>
    <message>
        <source>删除维度“{0}”和它的 {1} 个标签? 群上共 {2} 处该维度的标签会被移除, 用到这些标签的自动分类规则也会删除。此操作不能撤销。</source>
        <translation>刪除維度「{0}」和它的 {1} 個標籤? 群上共 {2} 處該維度的標籤會被移除, 用到這些標籤的自動分類規則也會刪除。此操作無法復原。</translation>
    </message>
    <message>
        <source>已删除维度“{0}” ({1} 个群受影响)</source>
        <translation>已刪除維度「{0}」({1} 個群受影響)</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>查找重复成员</source>
        <translation>尋找重複成員</translation>
    </message>
    <message>
        <source>昵称</source>
        <translation>暱稱</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>手機</translation>
    </message>
    <message>
        <source>微信号</source>
        <translation>微信號</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>等級</translation>
    </message>
    <message>
        <source>群数</source>
        <translation>群數</translation>
    </message>
    <message>
        <source>最近互动</source>
        <translation>最近互動</translation>
    </message>
    <message>
        <source>建档</source>
        <translation>建檔</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>正在尋找…</translation>
    </message>
    <message>
        <source>合并到所选成员</source>
        <translation>合併到所選成員</translation>
    </message>
    <message>
        <source>其他成员的群、互动、订单和推荐关系都移到所选成员名下</source>
        <translation>其他成員的群、互動、訂單和推薦關係都移到所選成員名下</translation>
    </message>
    <message>
        <source>撤销上次合并</source>
        <translation>復原上次合併</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>选中要保留的那一位, 再点“合并到所选成员”:</source>
        <translation>選中要保留的那一位, 再點「合併到所選成員」:</translation>
    </message>
    <message>
        <source>正在查找重复成员…</source>
        <translation>正在尋找重複成員…</translation>
    </message>
    <message>
        <source>同一手机号</source>
        <translation>同一手機號</translation>
    </message>
    <message>
        <source>同一微信号</source>
        <translation>同一微信號</translation>
    </message>
    <message>
        <source>同群同昵称</source>
        <translation>同群同暱稱</translation>
    </message>
    <message>
        <source>{0}: {1} ({2} 人)</source>
        <translation>{0}: {1} ({2} 人)</translation>
    </message>
    <message>
        <source>找到 {0} 组可能重复的成员</source>
        <translation>找到 {0} 組可能重複的成員</translation>
    </message>
    <message>
        <source>没有找到可能重复的成员。</source>
        <translation>沒有找到可能重複的成員。</translation>
    </message>
    <message>
        <source>已把 {0} 位成员合并到“{1}”, 可撤销</source>
        <translation>已把 {0} 位成員合併到「{1}」, 可復原</translation>
    </message>
    <message>
        <source>合并成员</source>
        <translation>合併成員</translation>
    </message>
    <message>
        <source>已撤销合并</source>
        <translation>已復原合併</translation>
    </message>
    <message>
        <source>撤销合并</source>
        <translation>復原合併</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>跟进日期</source>
        <extracomment>the operator double-clicked a follow-up about a member (the main window may open them)</extracomment>
        <translation>跟進日期</translation>
    </message>
    <message>
        <source>群</source>
        <translation>群</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>记录于</source>
        <translation>記錄於</translation>
    </message>
    <message>
        <source>选中后按 Enter 或空格标记完成; 按住 Ctrl 或 Shift 可多选</source>
        <translation>選取後按 Enter 或空白鍵標記完成; 按住 Ctrl 或 Shift 可複選</translation>
    </message>
    <message>
        <source>标记完成</source>
        <translation>標記完成</translation>
    </message>
    <message>
        <source>把所选跟进标记为已完成 (Enter 或空格)</source>
        <translation>把所選跟進標記為已完成 (Enter 或空白鍵)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;没有待跟进的事项&lt;/p&gt;&lt;p&gt;记录互动时勾选“跟进”并选一个日期 (Ctrl+L), 到期前 7 天起会出现在这里。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;沒有待跟進的事項&lt;/p&gt;&lt;p&gt;記錄互動時勾選「跟進」並選一個日期 (Ctrl+L), 到期前 7 天起會出現在這裡。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>未来 {0} 天</source>
        <translation>未來 {0} 天</translation>
    </message>
    <message>
        <source>{0} · {1} 条</source>
        <translation>{0} · {1} 筆</translation>
    </message>
    <message>
        <source>已逾期 {0} · 今天 {1} · 未来 {2} 天 {3}</source>
        <translation>已逾期 {0} · 今天 {1} · 未來 {2} 天 {3}</translation>
    </message>
    <message>
        <source>{0} (逾期 {1} 天)</source>
        <translation>{0} (逾期 {1} 天)</translation>
    </message>
    <message>
        <source>{0} 条跟进已完成</source>
        <translation>{0} 筆跟進已完成</translation>
    </message>
</context>
<context>
    <name>GroupBuy</name>
    <message>
        <source>请填写商品和数量, 例如“脐橙×2”</source>
        <translation>請填寫商品和數量, 例如「臍橙×2」</translation>
    </message>
    <message>
        <source>不认识的商品“{0}”; 可选: {1}</source>
        <translation>不認識的商品「{0}」; 可選: {1}</translation>
    </message>
    <message>
        <source>“{0}”的数量必须大于 0</source>
        <translation>「{0}」的數量必須大於 0</translation>
    </message>
</context>
<context>
    <name>GroupBuyPage</name>
    <message>
        <source>团购活动</source>
        <extracomment>what the page listens to</extracomment>
        <translation>團購活動</translation>
    </message>
    <message>
        <source>团长 {0}</source>
        <translation>團長 {0}</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>截单</source>
        <translation>截單</translation>
    </message>
    <message>
        <source>单数</source>
        <translation>單數</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>新建团购…</source>
        <translation>新建團購…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>开团、截单或结算</source>
        <translation>開團、截單或結算</translation>
    </message>
    <message>
        <source>开团 (进行中)</source>
        <translation>開團 (進行中)</translation>
    </message>
    <message>
        <source>结算</source>
        <translation>結算</translation>
    </message>
    <message>
        <source>改回草稿</source>
        <translation>改回草稿</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>还没有团购活动。
点击“新建团购…”填写商品、截单时间和自提点,
或用 文件 → 导入 导入快团团 / 群接龙导出的订单。</source>
        <translation>還沒有團購活動。
點擊「新建團購…」填寫商品、截單時間和自提點,
或用 檔案 → 匯入 匯入快團團 / 群接龍匯出的訂單。</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>接龙</source>
        <translation>接龍</translation>
    </message>
    <message>
        <source>汇总</source>
        <translation>彙總</translation>
    </message>
    <message>
        <source>在左边选择一个团购活动, 查看订单、粘贴接龙、导出供货单和自提单。</source>
        <translation>在左邊選擇一個團購活動, 查看訂單、貼上接龍、匯出供貨單和自提單。</translation>
    </message>
    <message>
        <source>截单 {0}</source>
        <translation>截單 {0}</translation>
    </message>
    <message>
        <source>{0} 个商品 · {1} 个自提点</source>
        <translation>{0} 個商品 · {1} 個自提點</translation>
    </message>
    <message>
        <source>{0} 单 · {1} 人 · {2}</source>
        <translation>{0} 單 · {1} 人 · {2}</translation>
    </message>
    <message>
        <source>已保存团购“{0}”</source>
        <translation>已儲存團購「{0}」</translation>
    </message>
    <message>
        <source>已保存自提点“{0}”</source>
        <translation>已儲存自提點「{0}」</translation>
    </message>
    <message>
        <source>“{0}”已改为{1}</source>
        <translation>「{0}」已改為{1}</translation>
    </message>
    <message>
        <source>删除团购“{0}”以及它的商品和 {1} 笔订单? 此操作不能撤销。</source>
        <translation>刪除團購「{0}」以及它的商品和 {1} 筆訂單? 此操作無法復原。</translation>
    </message>
    <message>
        <source>删除团购“{0}”及其商品? 它还没有订单。</source>
        <translation>刪除團購「{0}」及其商品? 它還沒有訂單。</translation>
    </message>
    <message>
        <source>删除团购</source>
        <translation>刪除團購</translation>
    </message>
    <message>
        <source>已删除团购“{0}”和 {1} 笔订单</source>
        <translation>已刪除團購「{0}」和 {1} 筆訂單</translation>
    </message>
</context>
<context>
    <name>GroupDetailTabs</name>
    <message>
        <source>最近 30 天</source>
        <extracomment>the operator wants to paste this group&apos;s member list</extracomment>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>概览</source>
        <translation>概覽</translation>
    </message>
    <message>
        <source>昵称</source>
        <translation>暱稱</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <source> · 管理员</source>
        <translation> · 管理員</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>客戶等級</translation>
    </message>
    <message>
        <source>进群</source>
        <translation>入群</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>退群</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>下单时间</source>
        <translation>下單時間</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>訂單號</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>下單人</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>提货</source>
        <translation>取貨</translation>
    </message>
    <message>
        <source>团购</source>
        <translation>團購</translation>
    </message>
    <message>
        <source>粘贴成员名单…</source>
        <translation>貼上成員名單…</translation>
    </message>
    <message>
        <source>粘贴群里现在的成员名单, 自动记录进群和退群</source>
        <translation>貼上群裡現在的成員名單, 自動記錄進群和退群</translation>
    </message>
    <message>
        <source>互动</source>
        <translation>互動</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>机器人</source>
        <translation>機器人</translation>
    </message>
    <message>
        <source>消息 {0} · 进群 {1} · 退群 {2} · 单日最多 {3} 人发言</source>
        <translation>訊息 {0} · 入群 {1} · 退群 {2} · 單日最多 {3} 人發言</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <source>例如: 阳光花园水果团购3群</source>
        <translation>例如: 陽光花園水果團購3群</translation>
    </message>
    <message>
        <source>平台上的群号, 可不填</source>
        <translation>平台上的群組編號, 可不填</translation>
    </message>
    <message>
        <source>小区 / 区域</source>
        <translation>社區 / 區域</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>群名称</source>
        <translation>群組名稱</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>群主</translation>
    </message>
    <message>
        <source>群ID</source>
        <translation>群組 ID</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>週期</translation>
    </message>
    <message>
        <source>起止日期</source>
        <translation>起訖日期</translation>
    </message>
    <message>
        <source>人数 / 容量</source>
        <translation>人數 / 容量</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>區域</translation>
    </message>
    <message>
        <source>(未分类)</source>
        <translation>(未分類)</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>未設定</translation>
    </message>
</context>
<context>
    <name>GroupRobotsTab</name>
    <message>
        <source>类型</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>停用: {0}</source>
        <translation>停用: {0}</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source> · 加签</source>
        <translation> · 加簽</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>添加机器人…</source>
        <translation>添加機器人…</translation>
    </message>
    <message>
        <source>测试</source>
        <translation>測試</translation>
    </message>
    <message>
        <source>向群里发一条测试消息</source>
        <translation>向群裡發一條測試訊息</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>这个群没有机器人: 群发到时会放进“待发送”, 由你手动粘贴发送。</source>
        <translation>這個群沒有機器人: 群發到時會放進“待發送”, 由你手動貼上發送。</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>群發</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>本群群发记录</source>
        <translation>本群群發記錄</translation>
    </message>
    <message>
        <source>已添加{0}机器人; 点“测试”发一条测试消息确认设置正确</source>
        <translation>已添加{0}機器人; 點“測試”發一條測試訊息確認設定正確</translation>
    </message>
    <message>
        <source>正在发送测试消息…</source>
        <translation>正在發送測試訊息…</translation>
    </message>
    <message>
        <source>删除机器人</source>
        <translation>刪除機器人</translation>
    </message>
    <message>
        <source>删除{0}机器人 {1}? 以后这个群的群发改为手动发送。</source>
        <translation>刪除{0}機器人 {1}? 以後這個群的群發改為手動發送。</translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message>
        <source>群名称</source>
        <extracomment>the last 30 days&apos; messages per day (oldest first) for the sparkline delegate messages per day over the last 30 days, drawn as a sparkline (appended last, so saved header states of older versions keep their columns; the page moves it before the owner) what the Groups page shows by default: everything but the archive</extracomment>
        <translation>群組名稱</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>人數</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>周期 / 结束</source>
        <translation>週期 / 結束</translation>
    </message>
    <message>
        <source>最近活跃</source>
        <translation>最近活躍</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>群主</translation>
    </message>
    <message>
        <source>近30天消息</source>
        <translation>近30天訊息</translation>
    </message>
    <message>
        <source>{0} · 已结束</source>
        <translation>{0} · 已結束</translation>
    </message>
    <message>
        <source>{0} · 今天结束</source>
        <translation>{0} · 今天結束</translation>
    </message>
    <message>
        <source>{0} · 剩 {1} 天</source>
        <translation>{0} · 剩 {1} 天</translation>
    </message>
    <message>
        <source>接近群容量上限 ({0} 人)</source>
        <translation>接近群組人數上限 ({0} 人)</translation>
    </message>
    <message>
        <source>近30天没有消息</source>
        <translation>近30天沒有訊息</translation>
    </message>
    <message>
        <source>近30天消息 {0} 条, 最多一天 {1} 条, 有发言 {2} 天</source>
        <translation>近30天訊息 {0} 則, 最多一天 {1} 則, 有發言 {2} 天</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <source>搜索群名、群主、拼音或首字母 (Ctrl+F)</source>
        <extracomment>the operator wants the current filter saved as a named segment orders changed while the page was hidden: the detail&apos;s 订单 tab is read again when shown the last 30 days&apos; messages per group, read with the group list (set by the window)</extracomment>
        <translation>搜尋群組名稱、群主、拼音或首字母 (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部平台</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>未归档</source>
        <translation>未封存</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>全部狀態</translation>
    </message>
    <message>
        <source>全部周期</source>
        <translation>全部週期</translation>
    </message>
    <message>
        <source>长期群</source>
        <translation>長期群組</translation>
    </message>
    <message>
        <source>进行中的短期群</source>
        <translation>進行中的短期群組</translation>
    </message>
    <message>
        <source>3 天内结束</source>
        <translation>3 天內結束</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>已結束</translation>
    </message>
    <message>
        <source>全部活跃度</source>
        <translation>全部活躍度</translation>
    </message>
    <message>
        <source>近期活跃</source>
        <translation>近期活躍</translation>
    </message>
    <message>
        <source>沉默</source>
        <translation>沉默</translation>
    </message>
    <message>
        <source>存为分组…</source>
        <translation>存為分組…</translation>
    </message>
    <message>
        <source>把当前筛选保存为分组, 显示在左侧导航中</source>
        <translation>把目前的篩選儲存為分組, 顯示在左側導覽中</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>清除标签筛选</source>
        <translation>清除標籤篩選</translation>
    </message>
    <message>
        <source>新建群</source>
        <translation>新增群組</translation>
    </message>
    <message>
        <source>新建群 (Ctrl+N)</source>
        <translation>新增群組 (Ctrl+N)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>保存修改 (Ctrl+S)</source>
        <translation>儲存變更 (Ctrl+S)</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>捨棄變更</translation>
    </message>
    <message>
        <source>归档所选</source>
        <translation>封存所選</translation>
    </message>
    <message>
        <source>恢复所选</source>
        <translation>還原所選</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>刪除所選</translation>
    </message>
    <message>
        <source>合并所选…</source>
        <translation>合併所選…</translation>
    </message>
    <message>
        <source>把选中的几个群合并成一个 (合并大群)</source>
        <translation>把選取的幾個群組合併成一個 (合併大群)</translation>
    </message>
    <message>
        <source>分类所选…</source>
        <translation>分類所選…</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>尋找</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>沉默 ({0} 天无发言)</source>
        <translation>沉默 ({0} 天無發言)</translation>
    </message>
    <message>
        <source>标签 ({0})</source>
        <translation>標籤 ({0})</translation>
    </message>
    <message>
        <source>显示 {0} / 共 {1} 个群</source>
        <translation>顯示 {0} / 共 {1} 個群組</translation>
    </message>
    <message>
        <source> · 已选 {0} 个</source>
        <translation> · 已選 {0} 個</translation>
    </message>
    <message>
        <source>没有符合条件的群。&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;清除所有筛选&lt;/a&gt;</source>
        <translation>沒有符合條件的群組。&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;清除所有篩選&lt;/a&gt;</translation>
    </message>
    <message>
        <source>还没有任何群。&lt;br&gt;&lt;a href=&apos;new&apos;&gt;新建第一个群&lt;/a&gt;, 或从 Excel 导入。</source>
        <translation>還沒有任何群組。&lt;br&gt;&lt;a href=&apos;new&apos;&gt;新增第一個群組&lt;/a&gt;, 或從 Excel 匯入。</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>儲存變更</translation>
    </message>
    <message>
        <source>“{0}”有未保存的修改, 要保存吗?</source>
        <translation>「{0}」有未儲存的變更, 要儲存嗎?</translation>
    </message>
    <message>
        <source>已选 {0} 个群</source>
        <translation>已選 {0} 個群組</translation>
    </message>
    <message>
        <source>选择一个群查看和编辑详情。
按住 Ctrl 或 Shift 可多选。</source>
        <translation>選擇一個群組以檢視和編輯詳細資料。
按住 Ctrl 或 Shift 可多選。</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>儲存失敗</translation>
    </message>
    <message>
        <source>已保存“{0}”</source>
        <translation>已儲存「{0}」</translation>
    </message>
    <message>
        <source>已新建“{0}”</source>
        <translation>已新增「{0}」</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>移除标签</source>
        <translation>移除標籤</translation>
    </message>
    <message>
        <source>设为“{0}”</source>
        <translation>設為「{0}」</translation>
    </message>
    <message>
        <source>移除“{0}”</source>
        <translation>移除「{0}」</translation>
    </message>
    <message>
        <source>所选的群已经是这样分类的, 没有改动</source>
        <translation>所選的群組已經是這樣分類的, 沒有變更</translation>
    </message>
    <message>
        <source>{0} ({1} 个群)</source>
        <translation>{0} ({1} 個群組)</translation>
    </message>
    <message>
        <source>“{0}”名单已记录: 进群 {1} 人, 退群 {2} 人, 新建成员 {3} 人</source>
        <translation>「{0}」名單已記錄: 進群 {1} 人, 退群 {2} 人, 新增成員 {3} 人</translation>
    </message>
    <message>
        <source>群列表</source>
        <translation>群列表</translation>
    </message>
    <message>
        <source>{0}: {1} 个群已更改 (Ctrl+Z 撤销)</source>
        <translation>{0}: 已變更 {1} 個群組 (Ctrl+Z 復原)</translation>
    </message>
    <message>
        <source>已把 {0} 个群并入“{1}”</source>
        <translation>已把 {0} 個群組併入「{1}」</translation>
    </message>
    <message>
        <source> 等 {0} 个群</source>
        <translation> 等 {0} 個群組</translation>
    </message>
    <message>
        <source>归档群</source>
        <translation>封存群組</translation>
    </message>
    <message>
        <source>归档 {0}? 归档后可随时恢复。</source>
        <translation>封存 {0}? 封存後可隨時還原。</translation>
    </message>
    <message>
        <source>已归档 {0} 个群</source>
        <translation>已封存 {0} 個群組</translation>
    </message>
    <message>
        <source>恢复群</source>
        <translation>還原群組</translation>
    </message>
    <message>
        <source>恢复 {0}?</source>
        <translation>還原 {0}?</translation>
    </message>
    <message>
        <source>已恢复 {0} 个群</source>
        <translation>已還原 {0} 個群組</translation>
    </message>
    <message>
        <source>删除群</source>
        <translation>刪除群組</translation>
    </message>
    <message>
        <source>永久删除 {0}?
它们的成员关系、互动记录、统计和标签会一起删除, 无法撤销。
只是不再运营的群, 请用“归档”。</source>
        <translation>永久刪除 {0}?
它們的成員關係、互動紀錄、統計和標籤會一併刪除, 無法復原。
只是不再經營的群組, 請改用「封存」。</translation>
    </message>
    <message>
        <source>已删除 {0} 个群</source>
        <translation>已刪除 {0} 個群組</translation>
    </message>
</context>
<context>
    <name>ImportHistoryPage</name>
    <message>
        <source>导入时间</source>
        <extracomment>an import was undone: its batch (status 已撤销)</extracomment>
        <translation>匯入時間</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>合并方式</source>
        <translation>合併方式</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>列數</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>略過</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>撤销这次导入…</source>
        <translation>復原這次匯入…</translation>
    </message>
    <message>
        <source>删除这次导入新增的记录, 把它更新过的记录恢复原样</source>
        <translation>刪除這次匯入新增的記錄, 把它更新過的記錄還原</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>还没有导入记录。用 文件 → 导入… 导入 Excel 或 CSV</source>
        <translation>還沒有匯入記錄。用 檔案 → 匯入… 匯入 Excel 或 CSV</translation>
    </message>
    <message>
        <source>导入记录没有读出</source>
        <translation>匯入記錄沒有讀出</translation>
    </message>
    <message>
        <source>共 {0} 次导入, 其中 {1} 次已撤销</source>
        <translation>共 {0} 次匯入, 其中 {1} 次已復原</translation>
    </message>
    <message>
        <source>共 {0} 次导入</source>
        <translation>共 {0} 次匯入</translation>
    </message>
    <message>
        <source>选中一次导入, 可以把它整个撤销。</source>
        <translation>選取一次匯入, 可以把它整個復原。</translation>
    </message>
    <message>
        <source>这次导入已撤销, 它写入的数据已经删除或恢复。</source>
        <translation>這次匯入已復原, 它寫入的資料已經刪除或還原。</translation>
    </message>
    <message>
        <source>#{0} {1}: {2} 行, 新增 {3}, 更新 {4}, 跳过 {5}, 失败 {6}</source>
        <translation>#{0} {1}: {2} 列, 新增 {3}, 更新 {4}, 略過 {5}, 失敗 {6}</translation>
    </message>
    <message>
        <source>已撤销: 这次导入新增的记录已删除, 更新过的记录已恢复</source>
        <translation>已復原: 這次匯入新增的記錄已刪除, 更新過的記錄已還原</translation>
    </message>
    <message>
        <source>已导入, 可以撤销</source>
        <translation>已匯入, 可以復原</translation>
    </message>
    <message>
        <source>撤销 {0} 导入的“{1}”({2})?</source>
        <translation>復原 {0} 匯入的「{1}」({2})?</translation>
    </message>
    <message>
        <source>· 删除这次新增的 {0} 条记录</source>
        <translation>· 刪除這次新增的 {0} 筆記錄</translation>
    </message>
    <message>
        <source>· 把这次更新的 {0} 条记录恢复成导入前的样子</source>
        <translation>· 把這次更新的 {0} 筆記錄還原成匯入前的樣子</translation>
    </message>
    <message>
        <source>· 这次导入没有新增或更新任何记录, 撤销只改变它的状态</source>
        <translation>· 這次匯入沒有新增或更新任何記錄, 復原只改變它的狀態</translation>
    </message>
    <message>
        <source>跳过的 {0} 行和失败的 {1} 行当时就没有写入, 不受影响。</source>
        <translation>略過的 {0} 列和失敗的 {1} 列當時就沒有寫入, 不受影響。</translation>
    </message>
    <message>
        <source>撤销后不能恢复; 需要时可以重新导入这个文件。</source>
        <translation>復原後無法還原; 需要時可以重新匯入這個檔案。</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>復原匯入</translation>
    </message>
    <message>
        <source>已撤销导入“{0}”: 删除 {1} 条, 恢复 {2} 条</source>
        <translation>已復原匯入「{0}」: 刪除 {1} 筆, 還原 {2} 筆</translation>
    </message>
    <message>
        <source>没有撤销</source>
        <translation>沒有復原</translation>
    </message>
    <message>
        <source>正在撤销导入…</source>
        <translation>正在復原匯入…</translation>
    </message>
    <message>
        <source>群列表</source>
        <translation>群列表</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>群成员名单</source>
        <translation>群成員名單</translation>
    </message>
    <message>
        <source>互动记录</source>
        <translation>互動記錄</translation>
    </message>
    <message>
        <source>每日群数据</source>
        <translation>每日群資料</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>聊天记录</source>
        <translation>聊天記錄</translation>
    </message>
    <message>
        <source>接龙</source>
        <translation>接龍</translation>
    </message>
    <message>
        <source>跳过已有</source>
        <translation>略過已有</translation>
    </message>
    <message>
        <source>更新已有</source>
        <translation>更新已有</translation>
    </message>
    <message>
        <source>只加新的</source>
        <translation>只加新的</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>已復原</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>已匯入</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入</source>
        <extracomment>results of the rows the preview table shows, by Excel row number the skipped and failed rows, for the report table the import was committed: its Tally</extracomment>
        <translation>匯入</translation>
    </message>
    <message>
        <source>选择 .xlsx / .xlsm / .csv 文件</source>
        <translation>選擇 .xlsx / .xlsm / .csv 檔案</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>群列表</source>
        <translation>群列表</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>群成员名单</source>
        <translation>群成員名單</translation>
    </message>
    <message>
        <source>互动记录</source>
        <translation>互動記錄</translation>
    </message>
    <message>
        <source>每日群数据</source>
        <translation>每日群資料</translation>
    </message>
    <message>
        <source>团购订单 (快团团 / 群接龙导出)</source>
        <translation>團購訂單 (快團團 / 群接龍匯出)</translation>
    </message>
    <message>
        <source>微信聊天记录导出 (MemoTrace / PyWxDump)</source>
        <translation>微信聊天記錄匯出 (MemoTrace / PyWxDump)</translation>
    </message>
    <message>
        <source>订单归入哪个团购活动</source>
        <translation>訂單歸入哪個團購活動</translation>
    </message>
    <message>
        <source>按文件名新建团购活动</source>
        <translation>按檔案名新建團購活動</translation>
    </message>
    <message>
        <source>团购活动</source>
        <translation>團購活動</translation>
    </message>
    <message>
        <source>跳过已有的记录, 只加新的</source>
        <translation>略過已有的記錄, 只加新的</translation>
    </message>
    <message>
        <source>更新已有的记录, 并加新的</source>
        <translation>更新已有的記錄, 並加入新的</translation>
    </message>
    <message>
        <source>只加新的, 已有的记为失败</source>
        <translation>只加新的, 已有的記為失敗</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>导入内容</source>
        <translation>匯入內容</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>已有的记录</source>
        <translation>已有的記錄</translation>
    </message>
    <message>
        <source>表头可以在标题行下面, 合并单元格、空行和合计行会自动跳过;简体、繁体和英文表头都能识别。下一步会列出每个无法识别的单元格。</source>
        <translation>標題列可以在表名列下面, 合併儲存格、空白列和合計列會自動略過;簡體、繁體和英文標題都能辨識。下一步會列出每個無法辨識的儲存格。</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>選擇要匯入的檔案</translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.xlsm *.csv);;所有文件 (*)</source>
        <translation>試算表 (*.xlsx *.xlsm *.csv);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>对应的列</source>
        <translation>對應的欄</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>请先选择要导入的文件</source>
        <translation>請先選擇要匯入的檔案</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>正在讀取檔案…</translation>
    </message>
    <message>
        <source>“{0}”: 新增 {1} 行, 更新 {2} 行, 跳过 {3} 行, 失败 {4} 行。</source>
        <translation>「{0}」: 新增 {1} 列, 更新 {2} 列, 略過 {3} 列, 失敗 {4} 列。</translation>
    </message>
    <message>
        <source>缺少必需的列: {0}。请在左边指定对应的列。</source>
        <translation>缺少必要的欄: {0}。請在左邊指定對應的欄。</translation>
    </message>
    <message>
        <source>{0} 个单元格无法识别 (红色, 鼠标停留可看原因), 这些行会记为失败。</source>
        <translation>{0} 個儲存格無法辨識 (紅色, 滑鼠停留可看原因), 這些列會記為失敗。</translation>
    </message>
    <message>
        <source>已跳过 {0} 个合计或重复表头行。</source>
        <translation>已略過 {0} 個合計或重複標題列。</translation>
    </message>
    <message>
        <source>其他列将作为附加信息保存: {0}。</source>
        <translation>其他欄將作為附加資訊儲存: {0}。</translation>
    </message>
    <message>
        <source>这个文件以前导入过 (第 {0} 次导入), 再导入不会重复添加。</source>
        <translation>這個檔案以前匯入過 (第 {0} 次匯入), 再匯入不會重複新增。</translation>
    </message>
    <message>
        <source>(不导入)</source>
        <translation>(不匯入)</translation>
    </message>
    <message>
        <source>第 {0} 列</source>
        <translation>第 {0} 欄</translation>
    </message>
    <message>
        <source>列对应</source>
        <translation>欄位對應</translation>
    </message>
    <message>
        <source>行</source>
        <translation>列</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>記錄</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>保存报告…</source>
        <translation>儲存報告…</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>跳过和失败的行:</source>
        <translation>略過和失敗的列:</translation>
    </message>
    <message>
        <source>导入完成 (第 {0} 次导入, 用时 {1:.1f} 秒): 新增 {2} 行, 更新 {3} 行, 跳过 {4} 行, 失败 {5} 行。如需撤销, 在“导入记录”里可整批撤销。</source>
        <translation>匯入完成 (第 {0} 次匯入, 用時 {1:.1f} 秒): 新增 {2} 列, 更新 {3} 列, 略過 {4} 列, 失敗 {5} 列。如需復原, 可在「匯入記錄」裡整批復原。</translation>
    </message>
    <message>
        <source>导入没有完成</source>
        <translation>匯入沒有完成</translation>
    </message>
    <message>
        <source>
数据库没有任何改动。</source>
        <translation>
資料庫沒有任何變動。</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>正在匯入…</translation>
    </message>
    <message>
        <source>导入报告_{0}.xlsx</source>
        <translation>匯入報告_{0}.xlsx</translation>
    </message>
    <message>
        <source>保存导入报告</source>
        <translation>儲存匯入報告</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>报告已保存: {0}</source>
        <translation>報告已儲存: {0}</translation>
    </message>
    <message>
        <source>保存报告</source>
        <translation>儲存報告</translation>
    </message>
</context>
<context>
    <name>InteractionsPage</name>
    <message>
        <source>今天</source>
        <extracomment>the column widths and order the operator arranged (declared here until settings.py lists it) a member filter matching more people than this filters by the first ones only (one IN list) InteractionService.list_ids returns at most this many ids a group name typed but not picked filters by at most this many matching groups no group has this id: a typed name matching no group shows no rows the operator asked to log an interaction (the main window opens the quick-entry bar)</extracomment>
        <translation>今天</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>群</source>
        <translation>群</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>跟進日期</translation>
    </message>
    <message>
        <source>跟进状态</source>
        <translation>跟進狀態</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>全部類型</translation>
    </message>
    <message>
        <source>全部群 (输入名称或拼音)</source>
        <translation>全部群 (輸入名稱或拼音)</translation>
    </message>
    <message>
        <source>成员: 昵称、拼音或手机</source>
        <translation>成員: 暱稱、拼音或手機</translation>
    </message>
    <message>
        <source>近 7 天</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>近 30 天</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>全部时间</source>
        <translation>全部時間</translation>
    </message>
    <message>
        <source>自定义…</source>
        <translation>自訂…</translation>
    </message>
    <message>
        <source>不限跟进</source>
        <translation>不限跟進</translation>
    </message>
    <message>
        <source>有跟进</source>
        <translation>有跟進</translation>
    </message>
    <message>
        <source>无跟进</source>
        <translation>無跟進</translation>
    </message>
    <message>
        <source>跟进未完成</source>
        <translation>跟進未完成</translation>
    </message>
    <message>
        <source>跟进已完成</source>
        <translation>跟進已完成</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>清除篩選</translation>
    </message>
    <message>
        <source>记录互动</source>
        <translation>記錄互動</translation>
    </message>
    <message>
        <source>打开快速记录栏 (Ctrl+L)</source>
        <translation>開啟快速記錄列 (Ctrl+L)</translation>
    </message>
    <message>
        <source>标记跟进完成</source>
        <translation>標記跟進完成</translation>
    </message>
    <message>
        <source>把所选记录的跟进标记为已完成</source>
        <translation>把所選記錄的跟進標記為已完成</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>删除所选记录 (Del)</source>
        <translation>刪除所選記錄 (Del)</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>刪除所選</translation>
    </message>
    <message>
        <source>成员匹配 {0} 位, 只按前 {1} 位筛选</source>
        <translation>符合的成員有 {0} 位, 只依前 {1} 位篩選</translation>
    </message>
    <message>
        <source>显示最新的 {0} 条, 请缩小筛选范围</source>
        <translation>顯示最新的 {0} 筆, 請縮小篩選範圍</translation>
    </message>
    <message>
        <source>显示最早的 {0} 条, 请缩小筛选范围</source>
        <translation>顯示最早的 {0} 筆, 請縮小篩選範圍</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>共 {0} 筆</translation>
    </message>
    <message>
        <source> · 已选 {0} 条</source>
        <translation> · 已選 {0} 筆</translation>
    </message>
    <message>
        <source>没有符合条件的互动记录。&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;清除筛选&lt;/a&gt;</source>
        <translation>沒有符合條件的互動記錄。&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;清除篩選&lt;/a&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;还没有互动记录&lt;/p&gt;&lt;p&gt;按 &lt;b&gt;Ctrl+L&lt;/b&gt; 记录第一条互动: 选群和成员, 写一句内容, 按 Enter 保存。&lt;/p&gt;&lt;p&gt;&lt;a href=&apos;log&apos;&gt;现在记录&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;還沒有互動記錄&lt;/p&gt;&lt;p&gt;按 &lt;b&gt;Ctrl+L&lt;/b&gt; 記錄第一筆互動: 選群和成員, 寫一句內容, 按 Enter 儲存。&lt;/p&gt;&lt;p&gt;&lt;a href=&apos;log&apos;&gt;現在記錄&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>互动记录只能按时间排序</source>
        <translation>互動記錄只能依時間排序</translation>
    </message>
    <message>
        <source>{0} 种类型</source>
        <translation>{0} 種類型</translation>
    </message>
    <message>
        <source>按互动类型筛选 (可多选)</source>
        <translation>依互動類型篩選 (可複選)</translation>
    </message>
    <message>
        <source>互动记录</source>
        <translation>互動記錄</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>待跟進</translation>
    </message>
    <message>
        <source>{0} 条跟进已完成</source>
        <translation>{0} 筆跟進已完成</translation>
    </message>
    <message>
        <source>所选记录没有未完成的跟进</source>
        <translation>所選記錄沒有未完成的跟進</translation>
    </message>
    <message>
        <source>删除互动记录</source>
        <translation>刪除互動記錄</translation>
    </message>
    <message>
        <source>删除所选的 {0} 条互动记录?
群的每日统计会随之更新; 成员的进群、退群状态不变。此操作不能撤销。</source>
        <translation>刪除所選的 {0} 筆互動記錄?
群的每日統計會隨之更新; 成員的進群、退群狀態不變。此操作無法復原。</translation>
    </message>
    <message>
        <source>已删除 {0} 条互动记录</source>
        <translation>已刪除 {0} 筆互動記錄</translation>
    </message>
</context>
<context>
    <name>JielongTab</name>
    <message>
        <source>把群里的接龙整段粘贴到这里, 例如:
#接龙
周六水果团 截单周五20:00
1. 王芳 脐橙5斤×2 阳光花园
2. 李娜 苹果x1 翠湖
然后点“识别”。再次粘贴更长的接龙时, 已下单的行会自动跳过。</source>
        <translation>把群裡的接龍整段貼到這裡, 例如:
#接龍
週六水果團 截單週五20:00
1. 王芳 臍橙5斤×2 陽光花園
2. 李娜 蘋果x1 翠湖
然後點「識別」。再次貼上更長的接龍時, 已下單的行會自動跳過。</translation>
    </message>
    <message>
        <source>识别</source>
        <translation>識別</translation>
    </message>
    <message>
        <source>识别接龙的每一行 (Ctrl+Enter); 不会写入任何数据</source>
        <translation>識別接龍的每一行 (Ctrl+Enter); 不會寫入任何資料</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>创建订单</source>
        <translation>建立訂單</translation>
    </message>
    <message>
        <source>撤销这次接龙</source>
        <translation>撤銷這次接龍</translation>
    </message>
    <message>
        <source>删除刚才这次接龙创建的订单和新登记的成员 (在“导入记录”里也可撤销)</source>
        <translation>刪除剛才這次接龍建立的訂單和新登記的成員 (在「匯入記錄」裡也可撤銷)</translation>
    </message>
    <message>
        <source>请先把接龙粘贴到上面的框里。</source>
        <translation>請先把接龍貼到上面的框裡。</translation>
    </message>
    <message>
        <source>先在左边选择一个团购活动。</source>
        <translation>先在左邊選擇一個團購活動。</translation>
    </message>
    <message>
        <source>没有识别出接龙行。每行以序号开头, 如“3. 王芳 脐橙×2”。</source>
        <translation>沒有識別出接龍行。每行以序號開頭, 如「3. 王芳 臍橙×2」。</translation>
    </message>
    <message>
        <source>粘贴接龙后点“识别”, 核对每一行再创建订单。</source>
        <translation>貼上接龍後點「識別」, 核對每一行再建立訂單。</translation>
    </message>
    <message>
        <source>共 {0} 行: {1} 行待创建, {2} 行已下单</source>
        <translation>共 {0} 行: {1} 行待建立, {2} 行已下單</translation>
    </message>
    <message>
        <source>; {0} 行有问题 (红色), 请在表格中修改或取消勾选</source>
        <translation>; {0} 行有問題 (紅色), 請在表格中修改或取消勾選</translation>
    </message>
    <message>
        <source> 等</source>
        <translation> 等</translation>
    </message>
    <message>
        <source>; 之前的 {0} 笔订单已不在接龙里 (可能已退出), 请核对: {1}</source>
        <translation>; 之前的 {0} 筆訂單已不在接龍裡 (可能已退出), 請核對: {1}</translation>
    </message>
    <message>
        <source>订单 #{0}: {1}</source>
        <translation>訂單 #{0}: {1}</translation>
    </message>
    <message>
        <source>接龙</source>
        <translation>接龍</translation>
    </message>
    <message>
        <source>已创建 {0} 笔订单 (跳过 {1} 行已下单)</source>
        <translation>已建立 {0} 筆訂單 (跳過 {1} 行已下單)</translation>
    </message>
    <message>
        <source>没有创建订单</source>
        <translation>沒有建立訂單</translation>
    </message>
    <message>
        <source>正在创建订单…</source>
        <translation>正在建立訂單…</translation>
    </message>
    <message>
        <source>删除这次接龙创建的订单和新登记的成员?</source>
        <translation>刪除這次接龍建立的訂單和新登記的成員?</translation>
    </message>
    <message>
        <source>已撤销这次接龙</source>
        <translation>已撤銷這次接龍</translation>
    </message>
    <message>
        <source>无法撤销</source>
        <translation>無法撤銷</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>{0}  较上期</source>
        <extracomment>data kinds whose change cannot move a figure on the dashboard the chart cards, in reading order (two per row) plot heights: twenty named bars need about 22 px each</extracomment>
        <translation>{0}  較上期</translation>
    </message>
    <message>
        <source>上期 ({0}): {1}</source>
        <translation>上期 ({0}): {1}</translation>
    </message>
    <message>
        <source>未设目标</source>
        <translation>未設目標</translation>
    </message>
    <message>
        <source>目标为 0, 不计完成度</source>
        <translation>目標為 0, 不計完成度</translation>
    </message>
    <message>
        <source>目标 {0} · 完成 {1:.0f}%</source>
        <translation>目標 {0} · 完成 {1:.0f}%</translation>
    </message>
</context>
<context>
    <name>LadderSettingsDialog</name>
    <message>
        <source>客户阶梯与活跃度规则</source>
        <translation>客戶階梯與活躍度規則</translation>
    </message>
    <message>
        <source>等级建议 (0 表示不用这条规则)</source>
        <translation>等級建議 (0 表示不用這條規則)</translation>
    </message>
    <message>
        <source> 次发言</source>
        <translation> 次發言</translation>
    </message>
    <message>
        <source> 笔付款订单</source>
        <translation> 筆付款訂單</translation>
    </message>
    <message>
        <source> 位推荐</source>
        <translation> 位推薦</translation>
    </message>
    <message>
        <source>目标用户 → 粉丝: 在群里发言达到</source>
        <translation>目標用戶 → 粉絲: 在群裡發言達到</translation>
    </message>
    <message>
        <source>→ 会员: 达到</source>
        <translation>→ 會員: 達到</translation>
    </message>
    <message>
        <source>→ 合伙人候选: 推荐达到</source>
        <translation>→ 合夥人候選: 推薦達到</translation>
    </message>
    <message>
        <source>每种互动的分值</source>
        <translation>每種互動的分值</translation>
    </message>
    <message>
        <source>时间窗口: 越早的互动分值打折越多</source>
        <translation>時間窗口: 越早的互動分值打折越多</translation>
    </message>
    <message>
        <source> 天内</source>
        <translation> 天內</translation>
    </message>
    <message>
        <source>窗口 {0}</source>
        <translation>窗口 {0}</translation>
    </message>
    <message>
        <source>活跃度等级的门槛</source>
        <translation>活躍度等級的門檻</translation>
    </message>
    <message>
        <source>得分 ≥ </source>
        <translation>得分 ≥ </translation>
    </message>
    <message>
        <source> 周有互动</source>
        <translation> 週有互動</translation>
    </message>
    <message>
        <source> 个月有互动</source>
        <translation> 個月有互動</translation>
    </message>
    <message>
        <source>每月</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>每週</translation>
    </message>
    <message>
        <source>降级只在期初生效</source>
        <translation>降級只在期初生效</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>恢復預設</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>群管家 QunDesk</source>
        <translation>群管家 QunDesk</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>正在開啟資料庫…</translation>
    </message>
    <message>
        <source>群组</source>
        <translation>群組</translation>
    </message>
    <message>
        <source>看板</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>互动</source>
        <translation>互動</translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>待跟進</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>報告</translation>
    </message>
    <message>
        <source>团购</source>
        <translation>團購</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>群發</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>匯入記錄</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>正在使用的数据库</source>
        <translation>目前使用的資料庫</translation>
    </message>
    <message>
        <source>群发检查失败: {0}</source>
        <translation>群發檢查失敗: {0}</translation>
    </message>
    <message>
        <source>正在检查并发送到期的群发…</source>
        <translation>正在檢查並發送到期的群發…</translation>
    </message>
    <message>
        <source>正在发送中, 请稍候</source>
        <translation>正在發送中, 請稍候</translation>
    </message>
    <message>
        <source>机器人已发送 {0} 条</source>
        <translation>機器人已發送 {0} 條</translation>
    </message>
    <message>
        <source>{0} 条发送失败 (见群发 → 发送记录)</source>
        <translation>{0} 條發送失敗 (見群發 → 發送記錄)</translation>
    </message>
    <message>
        <source>{0} 条消息发送中断, 请到 群发 → 待确认 确认是否已发出</source>
        <translation>{0} 條訊息發送中斷, 請到 群發 → 待確認 確認是否已發出</translation>
    </message>
    <message>
        <source>机器人已停用: {0}</source>
        <translation>機器人已停用: {0}</translation>
    </message>
    <message>
        <source>{0} 条群发消息等你手动发送 (群发 → 待发送)</source>
        <translation>{0} 條群發訊息等你手動發送 (群發 → 待發送)</translation>
    </message>
    <message>
        <source>群发到期</source>
        <translation>群發到期</translation>
    </message>
    <message>
        <source>机器人已停用</source>
        <translation>機器人已停用</translation>
    </message>
    <message>
        <source>群发 ({0})</source>
        <translation>群發 ({0})</translation>
    </message>
    <message>
        <source>沉默判定</source>
        <translation>沉默判定</translation>
    </message>
    <message>
        <source>连续多少天没有发言的群算作沉默群:</source>
        <translation>連續多少天沒有發言的群組算作沉默群組:</translation>
    </message>
    <message>
        <source>归档已结束的群</source>
        <translation>封存已結束的群組</translation>
    </message>
    <message>
        <source>没有已结束但未归档的短期群。</source>
        <translation>沒有已結束但未封存的短期群組。</translation>
    </message>
    <message>
        <source>
… 等共 {0} 个群</source>
        <translation>
… 等共 {0} 個群組</translation>
    </message>
    <message>
        <source>以下 {0} 个短期群已结束, 归档它们吗? 归档后可随时恢复。

{1}{2}</source>
        <translation>以下 {0} 個短期群組已結束, 要封存嗎? 封存後可隨時還原。

{1}{2}</translation>
    </message>
    <message>
        <source>已归档 {0} 个已结束的群</source>
        <translation>已封存 {0} 個已結束的群組</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>新建群…</source>
        <translation>新增群組…</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <source>导出当前表格…</source>
        <translation>匯出目前表格…</translation>
    </message>
    <message>
        <source>把当前页面表格显示的行和列 (筛选、排序后) 导出为 Excel 或 CSV</source>
        <translation>把目前頁面表格顯示的列和欄 (篩選、排序後) 匯出為 Excel 或 CSV</translation>
    </message>
    <message>
        <source>立即发送到期消息</source>
        <translation>立即發送到期訊息</translation>
    </message>
    <message>
        <source>现在就检查到期的群发: 有机器人的群立即发送, 其余放进“待发送”</source>
        <translation>現在就檢查到期的群發: 有機器人的群立即發送, 其餘放進“待發送”</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>记录互动…</source>
        <translation>記錄互動…</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>清除篩選</translation>
    </message>
    <message>
        <source>归档已结束的短期群…</source>
        <translation>封存已結束的短期群組…</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>介面語言</translation>
    </message>
    <message>
        <source>沉默判定天数…</source>
        <translation>沉默判定天數…</translation>
    </message>
    <message>
        <source>客户阶梯与活跃度规则…</source>
        <translation>客戶階梯與活躍度規則…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>关于群管家</source>
        <translation>關於群管家</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>分組</translation>
    </message>
    <message>
        <source>这个分组的筛选条件已损坏</source>
        <translation>這個分組的篩選條件已損壞</translation>
    </message>
    <message>
        <source>存为分组</source>
        <translation>存為分組</translation>
    </message>
    <message>
        <source>分组名称, 例如“VIP服务群·活跃”:</source>
        <translation>分組名稱, 例如「VIP服務群·活躍」:</translation>
    </message>
    <message>
        <source>已保存分组“{0}”</source>
        <translation>已儲存分組「{0}」</translation>
    </message>
    <message>
        <source>重命名…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>重命名分组</source>
        <translation>重新命名分組</translation>
    </message>
    <message>
        <source>新名称:</source>
        <translation>新名稱:</translation>
    </message>
    <message>
        <source>删除分组</source>
        <translation>刪除分組</translation>
    </message>
    <message>
        <source>删除分组“{0}”? 只删除这个保存的筛选, 群本身不受影响。</source>
        <translation>刪除分組「{0}」? 只刪除這個儲存的篩選, 群組本身不受影響。</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>这一页没有可导出的表格。请切换到群组、成员或互动页。</source>
        <translation>這一頁沒有可匯出的表格。請切換到群組、成員或互動頁。</translation>
    </message>
    <message>
        <source>表格是空的, 没有可导出的行。</source>
        <translation>表格是空的, 沒有可匯出的列。</translation>
    </message>
    <message>
        <source>导出“{0}”</source>
        <translation>匯出「{0}」</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV (UTF-8) (*.csv)</source>
        <translation>Excel 活頁簿 (*.xlsx);;CSV (UTF-8) (*.csv)</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>手機號</translation>
    </message>
    <message>
        <source>导出完整手机号吗? 默认只导出 138****1234 这样的打码号码;导出完整号码会记入操作日志。</source>
        <translation>匯出完整手機號嗎? 預設只匯出 138****1234 這樣的遮罩號碼;匯出完整號碼會記入操作日誌。</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>正在匯出…</translation>
    </message>
    <message>
        <source>已导出 {0} 行到 {1}</source>
        <translation>已匯出 {0} 列到 {1}</translation>
    </message>
    <message>
        <source>导入完成: 新增 {0} 行, 更新 {1} 行</source>
        <translation>匯入完成: 新增 {0} 列, 更新 {1} 列</translation>
    </message>
    <message>
        <source>演示工作区已生成</source>
        <translation>示範工作區已建立</translation>
    </message>
    <message>
        <source>无法生成演示工作区</source>
        <translation>無法建立示範工作區</translation>
    </message>
    <message>
        <source>正在生成演示工作区…</source>
        <translation>正在建立示範工作區…</translation>
    </message>
    <message>
        <source>群 {0} · 成员 {1}</source>
        <translation>群組 {0} · 成員 {1}</translation>
    </message>
    <message>
        <source>界面语言将在重新启动群管家后生效。</source>
        <translation>介面語言將在重新啟動群管家後生效。</translation>
    </message>
    <message>
        <source>&lt;b&gt;群管家 QunDesk&lt;/b&gt; {0}&lt;br&gt;为运营几百个群的人准备的桌面工作台。&lt;br&gt;数据库: {1}</source>
        <translation>&lt;b&gt;群管家 QunDesk&lt;/b&gt; {0}&lt;br&gt;為經營數百個群組的人打造的桌面工作台。&lt;br&gt;資料庫: {1}</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>儲存變更</translation>
    </message>
    <message>
        <source>当前群有未保存的修改, 退出前要保存吗?</source>
        <translation>目前的群組有未儲存的變更, 結束前要儲存嗎?</translation>
    </message>
    <message>
        <source>成员资料有未保存的修改, 退出前要保存吗?</source>
        <translation>成員資料有未儲存的修改, 結束前要儲存嗎?</translation>
    </message>
    <message>
        <source>自动分类规则有未保存的修改, 退出前要保存吗?</source>
        <translation>自動分類規則有未儲存的修改, 結束前要儲存嗎?</translation>
    </message>
</context>
<context>
    <name>ManualQueueTab</name>
    <message>
        <source>群</source>
        <extracomment>what a skip from the queue records as the reason how many sends are waiting (for the tab title and the navigation badge) handled here, written (or being written) on the worker: never shown again</extracomment>
        <translation>群</translation>
    </message>
    <message>
        <source>群发</source>
        <translation>群發</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Ctrl+C 复制 · Ctrl+Shift+C 复制图片 · Enter 已发送并到下一条 · S 跳过 · ↑↓ 切换</source>
        <translation>Ctrl+C 複製 · Ctrl+Shift+C 複製圖片 · Enter 已發送並到下一條 · S 跳過 · ↑↓ 切換</translation>
    </message>
    <message>
        <source>复制 (Ctrl+C)</source>
        <translation>複製 (Ctrl+C)</translation>
    </message>
    <message>
        <source>已手动发送 (Enter)</source>
        <translation>已手動發送 (Enter)</translation>
    </message>
    <message>
        <source>跳过 (S)</source>
        <translation>跳過 (S)</translation>
    </message>
    <message>
        <source>没有待手动发送的消息</source>
        <translation>沒有待手動發送的訊息</translation>
    </message>
    <message>
        <source>剩余 {0}</source>
        <translation>剩餘 {0}</translation>
    </message>
    <message>
        <source>请打开群: {0}</source>
        <translation>請打開群: {0}</translation>
    </message>
    <message>
        <source> (文件不存在)</source>
        <translation> (檔案不存在)</translation>
    </message>
    <message>
        <source>已复制发给“{0}”的消息, 粘贴到群里后按 Enter</source>
        <translation>已複製發給“{0}”的訊息, 貼上到群裡後按 Enter</translation>
    </message>
    <message>
        <source>这条消息没有图片附件</source>
        <translation>這則訊息沒有圖片附件</translation>
    </message>
    <message>
        <source>文件不存在: {0}</source>
        <translation>檔案不存在: {0}</translation>
    </message>
    <message>
        <source>无法读取图片: {0}</source>
        <translation>無法讀取圖片: {0}</translation>
    </message>
    <message>
        <source>已复制图片“{0}”, 到群里粘贴</source>
        <translation>已複製圖片“{0}”, 到群裡貼上</translation>
    </message>
    <message>
        <source>已复制文件“{0}”, 到群里粘贴</source>
        <translation>已複製檔案“{0}”, 到群裡貼上</translation>
    </message>
    <message>
        <source>文件夹不存在: {0}</source>
        <translation>資料夾不存在: {0}</translation>
    </message>
    <message>
        <source>已记录: “{0}”已手动发送</source>
        <translation>已記錄: “{0}”已手動發送</translation>
    </message>
    <message>
        <source>已跳过“{0}”</source>
        <translation>已跳過“{0}”</translation>
    </message>
</context>
<context>
    <name>MemberDetailTabs</name>
    <message>
        <source>资料</source>
        <translation>資料</translation>
    </message>
    <message>
        <source>群</source>
        <translation>群</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <source> · 管理员</source>
        <translation> · 管理員</translation>
    </message>
    <message>
        <source>入群</source>
        <translation>入群</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>退群</translation>
    </message>
    <message>
        <source>群昵称</source>
        <translation>群暱稱</translation>
    </message>
    <message>
        <source>所在群</source>
        <translation>所在群</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>时间线</source>
        <translation>時間軸</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>代</source>
        <translation>代</translation>
    </message>
    <message>
        <source>推荐关系</source>
        <translation>推薦關係</translation>
    </message>
    <message>
        <source>从</source>
        <translation>從</translation>
    </message>
    <message>
        <source>到</source>
        <translation>到</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>等级变化</source>
        <translation>等級變化</translation>
    </message>
    <message>
        <source>等级与活跃度</source>
        <translation>等級與活躍度</translation>
    </message>
    <message>
        <source>显示最近 {0} 条, 共 {1} 条</source>
        <translation>顯示最近 {0} 筆, 共 {1} 筆</translation>
    </message>
    <message>
        <source>共 {0} 条互动和订单</source>
        <translation>共 {0} 筆互動和訂單</translation>
    </message>
    <message>
        <source>群管理员和工作人员不参与活跃度分级。</source>
        <translation>群管理員和工作人員不參與活躍度分級。</translation>
    </message>
    <message>
        <source>&lt;b&gt;活跃度: {0}&lt;/b&gt;&lt;br&gt;{1}</source>
        <translation>&lt;b&gt;活躍度: {0}&lt;/b&gt;&lt;br&gt;{1}</translation>
    </message>
    <message>
        <source>邀请了 TA 的人 ({0})</source>
        <translation>邀請了 TA 的人 ({0})</translation>
    </message>
    <message>
        <source>第{0}代 {1} 人</source>
        <translation>第{0}代 {1} 人</translation>
    </message>
    <message>
        <source>TA 邀请的人 ({0}) {1}</source>
        <translation>TA 邀請的人 ({0}) {1}</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>微信昵称</source>
        <translation>微信暱稱</translation>
    </message>
    <message>
        <source>真实姓名, 可不填</source>
        <translation>真實姓名, 可不填</translation>
    </message>
    <message>
        <source>11 位手机号, 可带 +86</source>
        <translation>11 位手機號, 可帶 +86</translation>
    </message>
    <message>
        <source>微信号, 可不填</source>
        <translation>微信號, 可不填</translation>
    </message>
    <message>
        <source>种子用户</source>
        <translation>種子用戶</translation>
    </message>
    <message>
        <source>例如: 老带新、地推、抖音</source>
        <translation>例如: 老帶新、地推、抖音</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>昵称</source>
        <translation>暱稱</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>手機</translation>
    </message>
    <message>
        <source>微信号</source>
        <translation>微信號</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>客戶等級</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>昵称</source>
        <extracomment>(member id, nickname) whose invitees the table lists, or None</extracomment>
        <translation>暱稱</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>等級</translation>
    </message>
    <message>
        <source>活跃度</source>
        <translation>活躍度</translation>
    </message>
    <message>
        <source>计算于 {0}</source>
        <translation>計算於 {0}</translation>
    </message>
    <message>
        <source>尚未计算</source>
        <translation>尚未計算</translation>
    </message>
    <message>
        <source>群数</source>
        <translation>群數</translation>
    </message>
    <message>
        <source>最近互动</source>
        <translation>最近互動</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>從未</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>手機</translation>
    </message>
    <message>
        <source>微信号</source>
        <translation>微信號</translation>
    </message>
    <message>
        <source>建档</source>
        <translation>建檔</translation>
    </message>
    <message>
        <source>搜索昵称、姓名、手机、微信号、拼音或首字母 (Ctrl+F)</source>
        <translation>搜尋暱稱、姓名、手機、微信號、拼音或首字母 (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部等级</source>
        <translation>全部等級</translation>
    </message>
    <message>
        <source>全部角色</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <source>按活跃度筛选 (规则见 设置 → 客户阶梯与活跃度规则)</source>
        <translation>按活躍度篩選 (規則見 設定 → 客戶階梯與活躍度規則)</translation>
    </message>
    <message>
        <source>全部活跃度</source>
        <translation>全部活躍度</translation>
    </message>
    <message>
        <source>全部标签</source>
        <translation>全部標籤</translation>
    </message>
    <message>
        <source>所在的群, 或一个已保存的分群 (其中任一群)</source>
        <translation>所在的群, 或一個已儲存的分群 (其中任一群)</translation>
    </message>
    <message>
        <source>全部群</source>
        <translation>全部群</translation>
    </message>
    <message>
        <source>不限最近互动</source>
        <translation>不限最近互動</translation>
    </message>
    <message>
        <source>7 天内有互动</source>
        <translation>7 天內有互動</translation>
    </message>
    <message>
        <source>30 天内有互动</source>
        <translation>30 天內有互動</translation>
    </message>
    <message>
        <source>30 天以上没有互动</source>
        <translation>30 天以上沒有互動</translation>
    </message>
    <message>
        <source>90 天以上没有互动</source>
        <translation>90 天以上沒有互動</translation>
    </message>
    <message>
        <source>只看种子用户</source>
        <translation>只看種子用戶</translation>
    </message>
    <message>
        <source>点击取消这个筛选</source>
        <translation>點擊取消這個篩選</translation>
    </message>
    <message>
        <source>新建成员</source>
        <translation>新增成員</translation>
    </message>
    <message>
        <source>标签…</source>
        <translation>標籤…</translation>
    </message>
    <message>
        <source>新建、重命名、换颜色或删除成员标签</source>
        <translation>新增、重新命名、換顏色或刪除成員標籤</translation>
    </message>
    <message>
        <source>查找重复…</source>
        <translation>尋找重複…</translation>
    </message>
    <message>
        <source>同一手机号、同一微信号, 或同群同昵称的成员</source>
        <translation>同一手機號、同一微信號, 或同群同暱稱的成員</translation>
    </message>
    <message>
        <source>等级建议…</source>
        <translation>等級建議…</translation>
    </message>
    <message>
        <source>按客户阶梯规则建议升级的成员, 审核后批量应用</source>
        <translation>依客戶階梯規則建議升級的成員, 審核後批次套用</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>保存修改 (Ctrl+S)</source>
        <translation>儲存修改 (Ctrl+S)</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>放棄修改</translation>
    </message>
    <message>
        <source>调整等级…</source>
        <translation>調整等級…</translation>
    </message>
    <message>
        <source>加入群…</source>
        <translation>加入群…</translation>
    </message>
    <message>
        <source>移出群…</source>
        <translation>移出群…</translation>
    </message>
    <message>
        <source>打标签…</source>
        <translation>加標籤…</translation>
    </message>
    <message>
        <source>移除标签…</source>
        <translation>移除標籤…</translation>
    </message>
    <message>
        <source>选择一位成员查看资料、所在群、时间线和推荐关系;
按住 Ctrl 或 Shift 选择多位成员可批量打标签、调整等级、加入或移出群
(也可在表格中点右键)。</source>
        <translation>選擇一位成員檢視資料、所在群、時間線和推薦關係;
按住 Ctrl 或 Shift 選擇多位成員可批次加標籤、調整等級、加入或移出群
(也可在表格中按右鍵)。</translation>
    </message>
    <message>
        <source>打标签</source>
        <translation>加標籤</translation>
    </message>
    <message>
        <source>移除标签</source>
        <translation>移除標籤</translation>
    </message>
    <message>
        <source>给所选 {0} 位成员打上标签 (输入新名称即新建):</source>
        <translation>給所選 {0} 位成員加上標籤 (輸入新名稱即新增):</translation>
    </message>
    <message>
        <source>从所选 {0} 位成员移除标签:</source>
        <translation>從所選 {0} 位成員移除標籤:</translation>
    </message>
    <message>
        <source>还没有任何标签。</source>
        <translation>還沒有任何標籤。</translation>
    </message>
    <message>
        <source>{0} 位成员打上了“{1}”</source>
        <translation>{0} 位成員加上了「{1}」</translation>
    </message>
    <message>
        <source>{0} 位成员移除了“{1}”</source>
        <translation>{0} 位成員移除了「{1}」</translation>
    </message>
    <message>
        <source>TA 邀请的人: {0}  ✕</source>
        <translation>TA 邀請的人: {0}  ✕</translation>
    </message>
    <message>
        <source>只看 TA 邀请的人</source>
        <translation>只看 TA 邀請的人</translation>
    </message>
    <message>
        <source>活跃度尚未计算</source>
        <translation>活躍度尚未計算</translation>
    </message>
    <message>
        <source>活跃度计算于 {0}</source>
        <translation>活躍度計算於 {0}</translation>
    </message>
    <message>
        <source> · {0} 位新成员尚未计算</source>
        <translation> · {0} 位新成員尚未計算</translation>
    </message>
    <message>
        <source>重新计算</source>
        <translation>重新計算</translation>
    </message>
    <message>
        <source>按当前的活跃度规则重新计算所有成员的活跃度</source>
        <translation>按目前的活躍度規則重新計算所有成員的活躍度</translation>
    </message>
    <message>
        <source>正在计算活跃度… {0}%</source>
        <translation>正在計算活躍度… {0}%</translation>
    </message>
    <message>
        <source>已更新 {0} 位成员的活跃度</source>
        <translation>已更新 {0} 位成員的活躍度</translation>
    </message>
    <message>
        <source>正在计算活跃度…</source>
        <translation>正在計算活躍度…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>停止计算; 已算好的成员保留新结果</source>
        <translation>停止計算; 已算好的成員保留新結果</translation>
    </message>
    <message>
        <source>活跃度计算已取消</source>
        <translation>活躍度計算已取消</translation>
    </message>
    <message>
        <source>查找成员</source>
        <translation>尋找成員</translation>
    </message>
    <message>
        <source>保存成员</source>
        <translation>儲存成員</translation>
    </message>
    <message>
        <source>分群 · {0}</source>
        <translation>分群 · {0}</translation>
    </message>
    <message>
        <source>共 {0} 人</source>
        <translation>共 {0} 人</translation>
    </message>
    <message>
        <source> · 已选 {0} 人</source>
        <translation> · 已選 {0} 人</translation>
    </message>
    <message>
        <source>没有符合条件的成员。试试清除搜索和筛选。</source>
        <translation>沒有符合條件的成員。試試清除搜尋和篩選。</translation>
    </message>
    <message>
        <source>还没有成员。点击“新建成员”添加, 或从“文件 → 导入”导入成员表和群成员名单。</source>
        <translation>還沒有成員。點擊「新增成員」新增, 或從「檔案 → 匯入」匯入成員表和群成員名單。</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>儲存修改</translation>
    </message>
    <message>
        <source>“{0}”的资料有未保存的修改, 要保存吗?</source>
        <translation>「{0}」的資料有未儲存的修改, 要儲存嗎?</translation>
    </message>
    <message>
        <source>已选 {0} 位成员</source>
        <translation>已選 {0} 位成員</translation>
    </message>
    <message>
        <source>编辑资料</source>
        <translation>編輯資料</translation>
    </message>
    <message>
        <source>调整等级</source>
        <translation>調整等級</translation>
    </message>
    <message>
        <source>调整等级的原因:</source>
        <translation>調整等級的原因:</translation>
    </message>
    <message>
        <source>手动调整</source>
        <translation>手動調整</translation>
    </message>
    <message>
        <source>已保存“{0}”</source>
        <translation>已儲存「{0}」</translation>
    </message>
    <message>
        <source>已新建成员“{0}”</source>
        <translation>已新增成員「{0}」</translation>
    </message>
    <message>
        <source>种子用户</source>
        <translation>種子用戶</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>把所选 {0} 位成员调整为:</source>
        <translation>把所選 {0} 位成員調整為:</translation>
    </message>
    <message>
        <source>原因 (记入等级历史):</source>
        <translation>原因 (記入等級歷史):</translation>
    </message>
    <message>
        <source>批量调整</source>
        <translation>批次調整</translation>
    </message>
    <message>
        <source>{0} 位成员调整为{1}</source>
        <translation>{0} 位成員調整為{1}</translation>
    </message>
    <message>
        <source>加入群</source>
        <translation>加入群</translation>
    </message>
    <message>
        <source>移出群</source>
        <translation>移出群</translation>
    </message>
    <message>
        <source>把所选 {0} 位成员加入:</source>
        <translation>把所選 {0} 位成員加入:</translation>
    </message>
    <message>
        <source>把所选 {0} 位成员移出:</source>
        <translation>把所選 {0} 位成員移出:</translation>
    </message>
    <message>
        <source>{0} 位成员已加入“{1}”</source>
        <translation>{0} 位成員已加入「{1}」</translation>
    </message>
    <message>
        <source>{0} 位成员已移出“{1}”</source>
        <translation>{0} 位成員已移出「{1}」</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合并群</source>
        <translation>合併群組</translation>
    </message>
    <message>
        <source>例如: 两个小群人数太少, 合并运营</source>
        <translation>例如: 兩個小群人數太少, 合併經營</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>移入</source>
        <translation>移入</translation>
    </message>
    <message>
        <source>合并重复</source>
        <translation>合併重複</translation>
    </message>
    <message>
        <source>舍弃</source>
        <translation>捨棄</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>合併</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>保留的群</source>
        <translation>保留的群組</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>正在计算要移动的数据…</source>
        <translation>正在計算要移動的資料…</translation>
    </message>
    <message>
        <source>把 {0} 个群并入“{1}”: 人数 {2} → {3} (容量 {4})。被并入的群会归档。</source>
        <translation>把 {0} 個群組併入「{1}」: 人數 {2} → {3} (容量 {4})。被併入的群組會封存。</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <source>新建群</source>
        <extracomment>submit(draft, label_ids, on_failed) starts the save; the dialog closes when the page says so</extracomment>
        <translation>新增群組</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NewMemberDialog</name>
    <message>
        <source>新建成员</source>
        <extracomment>group-filter entries that are saved segments carry (&quot;segment&quot;, id) as their data</extracomment>
        <translation>新增成員</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>编辑订单 #{0}</source>
        <extracomment>asks for members matching what was typed; the answer goes to the callback</extracomment>
        <translation>編輯訂單 #{0}</translation>
    </message>
    <message>
        <source>输入昵称、拼音或手机号, 可从提示列表中选择成员</source>
        <translation>輸入暱稱、拼音或手機號, 可從提示清單中選擇成員</translation>
    </message>
    <message>
        <source>无</source>
        <translation>無</translation>
    </message>
    <message>
        <source>商品×数量, 多个商品用顿号或逗号隔开</source>
        <translation>商品×數量, 多個商品用頓號或逗號隔開</translation>
    </message>
    <message>
        <source>(无自提点)</source>
        <translation>(無自提點)</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>下單人</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>群</source>
        <translation>群</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>自提點</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>提货</source>
        <translation>提貨</translation>
    </message>
    <message>
        <source>退款 (元)</source>
        <translation>退款 (元)</translation>
    </message>
    <message>
        <source>楼号</source>
        <translation>樓號</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>房號</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>接龙原文: {0}</source>
        <translation>接龍原文: {0}</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>导入时表格里的其他信息 (只读)</source>
        <translation>匯入時表格裡的其他資訊 (唯讀)</translation>
    </message>
    <message>
        <source>其他信息</source>
        <translation>其他資訊</translation>
    </message>
    <message>
        <source>将关联所选成员</source>
        <translation>將關聯所選成員</translation>
    </message>
    <message>
        <source>下单人已修改: 保存时按手机号、昵称重新关联成员, 都不匹配则登记为新成员; 也可从提示列表中选择成员</source>
        <translation>下單人已修改: 儲存時按手機號、暱稱重新關聯成員, 都不符合則登記為新成員; 也可從提示清單中選擇成員</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>号</source>
        <translation>號</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>下單人</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>件數</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>已退款 {0}</source>
        <translation>已退款 {0}</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>提货</source>
        <translation>提貨</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>自提點</translation>
    </message>
    <message>
        <source>下单时间</source>
        <translation>下單時間</translation>
    </message>
    <message>
        <source>全部付款状态</source>
        <translation>全部付款狀態</translation>
    </message>
    <message>
        <source>全部提货状态</source>
        <translation>全部提貨狀態</translation>
    </message>
    <message>
        <source>全部自提点</source>
        <translation>全部自提點</translation>
    </message>
    <message>
        <source>标记已付款</source>
        <translation>標記已付款</translation>
    </message>
    <message>
        <source>标记已取货</source>
        <translation>標記已取貨</translation>
    </message>
    <message>
        <source>取消订单</source>
        <translation>取消訂單</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>快速下单: 下单人</source>
        <translation>快速下單: 下單人</translation>
    </message>
    <message>
        <source>快速下单: 输入下单人 (可用拼音), 再输入商品×数量, 按回车保存</source>
        <translation>快速下單: 輸入下單人 (可用拼音), 再輸入商品×數量, 按 Enter 儲存</translation>
    </message>
    <message>
        <source>这个团购还没有订单。
在下面的快速下单一行输入下单人和“商品×数量”后按回车,
或到“接龙”页粘贴群里的接龙, 或用 文件 → 导入 导入快团团/群接龙导出的订单。</source>
        <translation>這個團購還沒有訂單。
在下面的快速下單一行輸入下單人和「商品×數量」後按 Enter,
或到「接龍」頁貼上群裡的接龍, 或用 檔案 → 匯入 匯入快團團/群接龍匯出的訂單。</translation>
    </message>
    <message>
        <source>; “{0}”是新成员, 已自动登记</source>
        <translation>; “{0}”是新成員, 已自動登記</translation>
    </message>
    <message>
        <source>; 有多个成员叫“{0}”, 订单未关联成员 (下单时可从提示列表中选择)</source>
        <translation>; 有多個成員叫“{0}”, 訂單未關聯成員 (下單時可從提示清單中選擇)</translation>
    </message>
    <message>
        <source>商品×数量, 如 脐橙×2 苹果×1</source>
        <translation>商品×數量, 如 臍橙×2 蘋果×1</translation>
    </message>
    <message>
        <source>搜索下单人、电话、单号、备注、地址</source>
        <translation>搜尋下單人、電話、單號、備註、地址</translation>
    </message>
    <message>
        <source>下单</source>
        <translation>下單</translation>
    </message>
    <message>
        <source>保存这笔订单 (Enter)</source>
        <translation>儲存這筆訂單 (Enter)</translation>
    </message>
    <message>
        <source>(自提点)</source>
        <translation>(自提點)</translation>
    </message>
    <message>
        <source>在左边选择一个团购活动, 或点击“新建团购…”。</source>
        <translation>在左邊選擇一個團購活動, 或點擊「新建團購…」。</translation>
    </message>
    <message>
        <source>没有符合筛选条件的订单。试试清除搜索和筛选。</source>
        <translation>沒有符合篩選條件的訂單。試試清除搜尋和篩選。</translation>
    </message>
    <message>
        <source>共 {0} 单</source>
        <translation>共 {0} 單</translation>
    </message>
    <message>
        <source> · 已选 {0} 单</source>
        <translation> · 已選 {0} 單</translation>
    </message>
    <message>
        <source>已把 {0} 单标记为</source>
        <translation>已把 {0} 單標記為</translation>
    </message>
    <message>
        <source>把选中的 {0} 单标记为已取消? 已取消的订单不计入供货单和金额。</source>
        <translation>把選中的 {0} 單標記為已取消? 已取消的訂單不計入供貨單和金額。</translation>
    </message>
    <message>
        <source>已保存订单 #{0}</source>
        <translation>已儲存訂單 #{0}</translation>
    </message>
    <message>
        <source>尾号{0}</source>
        <translation>尾號{0}</translation>
    </message>
    <message>
        <source>请先选择一个团购活动</source>
        <translation>請先選擇一個團購活動</translation>
    </message>
    <message>
        <source>请填写下单人</source>
        <translation>請填寫下單人</translation>
    </message>
    <message>
        <source>已下单: {0} {1} {2}</source>
        <translation>已下單: {0} {1} {2}</translation>
    </message>
</context>
<context>
    <name>PasteMembersDialog</name>
    <message>
        <source>粘贴成员名单 · {0}</source>
        <extracomment>submit(on_date, entries) starts the write; the dialog closes when the page says so</extracomment>
        <translation>貼上成員名單 · {0}</translation>
    </message>
    <message>
        <source>把群成员名单粘贴在这里, 一行一个昵称。
编号、表情和空行会自动去掉。

和上次的名单相比, 新出现的人记为进群, 不见了的人记为退群。</source>
        <translation>把群成員名單貼在這裡, 一行一個暱稱。
編號、表情和空行會自動去掉。

和上次的名單相比, 新出現的人記為進群, 不見了的人記為退群。</translation>
    </message>
    <message>
        <source>记录名单</source>
        <translation>記錄名單</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>名单日期</source>
        <translation>名單日期</translation>
    </message>
    <message>
        <source>识别到 {0} 人</source>
        <translation>識別到 {0} 人</translation>
    </message>
</context>
<context>
    <name>PickupPointDialog</name>
    <message>
        <source>编辑自提点</source>
        <extracomment>a pickup point item&apos;s id (None: new, created when the campaign is saved) a pickup point item&apos;s PickupPointDraft (what the point editor starts from) (product id or None for a new one, draft), in the order shown</extracomment>
        <translation>編輯自提點</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>修改会用于所有用到这个自提点的团购和订单</source>
        <translation>修改會用於所有用到這個自提點的團購和訂單</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>行</source>
        <extracomment>field -&gt; what the operator reads; the same words the alias table matches where one field name means different things per kind extra columns&apos; headers by field name</extracomment>
        <translation>列</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>結果</translation>
    </message>
</context>
<context>
    <name>QuickEntryBar</name>
    <message>
        <source>记录互动</source>
        <extracomment>how long typing must pause before members are asked of SQL suggestions shown in a completion popup matching member rows read to rank and to resolve a typed name the text a picked suggestion puts into the field (the popup shows more) the InteractionDTO just saved Esc on an empty bar hid it</extracomment>
        <translation>記錄互動</translation>
    </message>
    <message>
        <source>群: 名称、拼音或首字母</source>
        <translation>群: 名稱、拼音或首字母</translation>
    </message>
    <message>
        <source>成员: 昵称、拼音或手机</source>
        <translation>成員: 暱稱、拼音或手機</translation>
    </message>
    <message>
        <source>内容摘要, 按 Enter 保存</source>
        <translation>內容摘要, 按 Enter 儲存</translation>
    </message>
    <message>
        <source>金额 ¥</source>
        <translation>金額 ¥</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>跟進</translation>
    </message>
    <message>
        <source>勾选后选一个日期, 到时出现在“待跟进”中</source>
        <translation>勾選後選一個日期, 到時出現在「待跟進」中</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>記錄</translation>
    </message>
    <message>
        <source>保存这条互动 (Enter)</source>
        <translation>儲存這筆互動 (Enter)</translation>
    </message>
    <message>
        <source>{0} · {1} 人</source>
        <translation>{0} · {1} 人</translation>
    </message>
    <message>
        <source>尾号{0}</source>
        <translation>尾號{0}</translation>
    </message>
    <message>
        <source>找不到群“{0}”</source>
        <translation>找不到群「{0}」</translation>
    </message>
    <message>
        <source>有多个群符合“{0}”, 请从提示列表中选择</source>
        <translation>有多個群符合「{0}」, 請從提示清單中選擇</translation>
    </message>
    <message>
        <source>找不到成员“{0}”。先在成员页新建, 或清空成员只记到群。</source>
        <translation>找不到成員「{0}」。先在成員頁新增, 或清空成員只記到群。</translation>
    </message>
    <message>
        <source>有多位成员符合“{0}”, 请从提示列表中选择</source>
        <translation>有多位成員符合「{0}」, 請從提示清單中選擇</translation>
    </message>
    <message>
        <source>已记录{0}: {1}</source>
        <translation>已記錄{0}: {1}</translation>
    </message>
    <message>
        <source>金额“{0}”不是数字</source>
        <translation>金額「{0}」不是數字</translation>
    </message>
    <message>
        <source>金额最多两位小数 (分)</source>
        <translation>金額最多兩位小數 (分)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>选好周期, 点“生成”, 这里就会列出本期和上期的参与指标、业务指标和目标完成度, 以及最活跃和最沉默的群。
“导出报告…”把同样的内容存成一个给老板看的 Excel 工作簿。</source>
        <extracomment>a report was computed and is now on screen a workbook was written: its path the data changed since the report on screen was computed the first figure of each family: only its row names the family</extracomment>
        <translation>選好週期, 點「產生」, 這裡就會列出本期和上期的參與指標、業務指標和目標達成率, 以及最活躍和最沉默的群。
「匯出報告…」把同樣的內容存成一個給老闆看的 Excel 活頁簿。</translation>
    </message>
    <message>
        <source>上周</source>
        <translation>上週</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>本月至今</source>
        <translation>本月至今</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>自訂</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>產生</translation>
    </message>
    <message>
        <source>目标…</source>
        <translation>目標…</translation>
    </message>
    <message>
        <source>导出报告…</source>
        <translation>匯出報告…</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>週期</translation>
    </message>
    <message>
        <source>从</source>
        <translation>從</translation>
    </message>
    <message>
        <source>到</source>
        <translation>到</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>上期</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>變化</translation>
    </message>
    <message>
        <source>上期为 0, 无法计算变化</source>
        <translation>上期為 0, 無法計算變化</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>完成度</source>
        <translation>達成率</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>群名称</source>
        <translation>群名稱</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>消息数</source>
        <translation>訊息數</translation>
    </message>
    <message>
        <source>活跃天数</source>
        <translation>活躍天數</translation>
    </message>
    <message>
        <source>日均活跃</source>
        <translation>日均活躍</translation>
    </message>
    <message>
        <source>净增</source>
        <translation>淨增</translation>
    </message>
    <message>
        <source>成交额</source>
        <translation>成交額</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>群主</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>人數</translation>
    </message>
    <message>
        <source>最后发言</source>
        <translation>最後發言</translation>
    </message>
    <message>
        <source>沉默天数</source>
        <translation>沉默天數</translation>
    </message>
    <message>
        <source>从未发言</source>
        <translation>從未發言</translation>
    </message>
    <message>
        <source>这个周期没有群发过言。</source>
        <translation>這個週期沒有群發過言。</translation>
    </message>
    <message>
        <source>每个群在这个周期都发过言, 没有沉默群。</source>
        <translation>每個群在這個週期都發過言, 沒有沉默群。</translation>
    </message>
    <message>
        <source>结束日期早于开始日期</source>
        <translation>結束日期早於開始日期</translation>
    </message>
    <message>
        <source>周期最长 {0} 天</source>
        <translation>週期最長 {0} 天</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>正在產生…</translation>
    </message>
    <message>
        <source>报告没有生成</source>
        <translation>報告沒有產生</translation>
    </message>
    <message>
        <source>本期 {0} ({1} 天), 对比上期 {2} · 生成于 {3}</source>
        <translation>本期 {0} ({1} 天), 對比上期 {2} · 產生於 {3}</translation>
    </message>
    <message>
        <source>{0} 期间还没有任何群, 报告无从算起。
工作区是空的话, 先在“群组”页新建群, 或用 文件 → 导入… 导入群列表、每日群数据或聊天记录, 再回来点“生成”; 否则换一个更晚的周期。</source>
        <translation>{0} 期間還沒有任何群, 報告無從算起。
工作區是空的話, 先在「群組」頁新建群, 或用 檔案 → 匯入… 匯入群列表、每日群資料或聊天記錄, 再回來點「產生」; 否則換一個更晚的週期。</translation>
    </message>
    <message>
        <source>{0} 和上一期都没有活动数据 (消息、入群、退群、订单)。
换一个周期, 或用 文件 → 导入… 导入这段时间的每日群数据或聊天记录。</source>
        <translation>{0} 和上一期都沒有活動資料 (訊息、入群、退群、訂單)。
換一個週期, 或用 檔案 → 匯入… 匯入這段時間的每日群資料或聊天記錄。</translation>
    </message>
    <message>
        <source>工作区还没有订单, 业务指标从略。</source>
        <translation>工作區還沒有訂單, 業務指標從略。</translation>
    </message>
    <message>
        <source>本期没有等级变动记录。</source>
        <translation>本期沒有等級變動記錄。</translation>
    </message>
    <message>
        <source>最活跃的群 (前 {0} 个, 按消息数)</source>
        <translation>最活躍的群 (前 {0} 個, 依訊息數)</translation>
    </message>
    <message>
        <source>最沉默的群 ({0} 个, 本期没有发言)</source>
        <translation>最沉默的群 ({0} 個, 本期沒有發言)</translation>
    </message>
    <message>
        <source>已切换工作区。选好周期, 点“生成”。</source>
        <translation>已切換工作區。選好週期, 點「產生」。</translation>
    </message>
    <message>
        <source>数据有了变动, 点“生成”看最新的数字。</source>
        <translation>資料有了變動, 點「產生」看最新的數字。</translation>
    </message>
    <message>
        <source>目标没有保存</source>
        <translation>目標沒有儲存</translation>
    </message>
    <message>
        <source>已保存 {0} 个目标</source>
        <translation>已儲存 {0} 個目標</translation>
    </message>
    <message>
        <source>已清除全部目标</source>
        <translation>已清除全部目標</translation>
    </message>
    <message>
        <source>导出报告</source>
        <translation>匯出報告</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>正在计算报告数字…</source>
        <translation>正在計算報告數字…</translation>
    </message>
    <message>
        <source>正在导出报告…</source>
        <translation>正在匯出報告…</translation>
    </message>
    <message>
        <source>已取消导出报告</source>
        <translation>已取消匯出報告</translation>
    </message>
    <message>
        <source>报告已保存到 {0}</source>
        <translation>報告已儲存到 {0}</translation>
    </message>
    <message>
        <source>报告没有导出</source>
        <translation>報告沒有匯出</translation>
    </message>
    <message>
        <source>日均活跃成员</source>
        <translation>日均活躍成員</translation>
    </message>
    <message>
        <source>入群人数</source>
        <translation>入群人數</translation>
    </message>
    <message>
        <source>退群人数</source>
        <translation>退群人數</translation>
    </message>
    <message>
        <source>净增人数</source>
        <translation>淨增人數</translation>
    </message>
    <message>
        <source>沉默群数</source>
        <translation>沉默群數</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>訂單數</translation>
    </message>
    <message>
        <source>成交额 (GMV)</source>
        <translation>成交額 (GMV)</translation>
    </message>
    <message>
        <source>退款额</source>
        <translation>退款額</translation>
    </message>
    <message>
        <source>净成交额</source>
        <translation>淨成交額</translation>
    </message>
    <message>
        <source>购买人数</source>
        <translation>購買人數</translation>
    </message>
    <message>
        <source>复购人数</source>
        <translation>回購人數</translation>
    </message>
    <message>
        <source>复购率</source>
        <translation>回購率</translation>
    </message>
    <message>
        <source>参与指标</source>
        <translation>參與指標</translation>
    </message>
    <message>
        <source>业务指标</source>
        <translation>業務指標</translation>
    </message>
    <message>
        <source>持平</source>
        <translation>持平</translation>
    </message>
    <message>
        <source>群管家报告</source>
        <translation>群管家報告</translation>
    </message>
</context>
<context>
    <name>ReviewDelegate</name>
    <message>
        <source>(无自提点)</source>
        <translation>(無自提點)</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>创建</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>号</source>
        <translation>號</translation>
    </message>
    <message>
        <source>接龙原文</source>
        <translation>接龍原文</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>下單人</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>自提點</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>已下单 (订单 #{0})</source>
        <translation>已下單 (訂單 #{0})</translation>
    </message>
    <message>
        <source>✓ {0}</source>
        <translation>✓ {0}</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>规则</source>
        <translation>規則</translation>
    </message>
    <message>
        <source>设置标签</source>
        <translation>設定標籤</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>新群自动</source>
        <translation>新群自動</translation>
    </message>
    <message>
        <source>还没有规则。填写右边的条件并保存, 就有了第一条规则。</source>
        <translation>還沒有規則。填寫右邊的條件並儲存, 就有了第一條規則。</translation>
    </message>
    <message>
        <source>新建规则</source>
        <translation>新增規則</translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation>刪除規則</translation>
    </message>
    <message>
        <source>例如: 快闪群归为短期群</source>
        <translation>例如: 快閃群歸為短期群</translation>
    </message>
    <message>
        <source>群名里包含的文字, 不区分大小写</source>
        <translation>群名裡包含的文字, 不分大小寫</translation>
    </message>
    <message>
        <source>正则表达式, 例如 ^VIP|贵宾</source>
        <translation>正規表示式, 例如 ^VIP|貴賓</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>群主名字</source>
        <translation>群主名字</translation>
    </message>
    <message>
        <source>完全一致</source>
        <translation>完全一致</translation>
    </message>
    <message>
        <source> 天内</source>
        <translation> 天內</translation>
    </message>
    <message>
        <source>已设结束日期</source>
        <translation>已設結束日期</translation>
    </message>
    <message>
        <source>未设结束日期</source>
        <translation>未設結束日期</translation>
    </message>
    <message>
        <source>对以后新建和导入的群自动应用</source>
        <translation>對以後新增和匯入的群自動套用</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>規則名稱</translation>
    </message>
    <message>
        <source>群名包含</source>
        <translation>群名包含</translation>
    </message>
    <message>
        <source>群名匹配</source>
        <translation>群名符合</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>人數</translation>
    </message>
    <message>
        <source>群主</source>
        <translation>群主</translation>
    </message>
    <message>
        <source>创建于最近</source>
        <translation>建立於最近</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>結束日期</translation>
    </message>
    <message>
        <source>则设置标签</source>
        <translation>則設定標籤</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>保存规则 (Ctrl+S)</source>
        <translation>儲存規則 (Ctrl+S)</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>儲存規則</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>放棄修改</translation>
    </message>
    <message>
        <source>应用到现有的群…</source>
        <translation>套用到現有的群…</translation>
    </message>
    <message>
        <source>按预览给现有的群设置标签 (可撤销)</source>
        <translation>依預覽給現有的群設定標籤 (可復原)</translation>
    </message>
    <message>
        <source>群</source>
        <translation>群</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>(未分类)</source>
        <translation>(未分類)</translation>
    </message>
    <message>
        <source>应用后</source>
        <translation>套用後</translation>
    </message>
    <message>
        <source>全部平台</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>规则有未保存的修改</source>
        <translation>規則有未儲存的修改</translation>
    </message>
    <message>
        <source>规则“{0}”有未保存的修改, 要放弃吗?</source>
        <translation>規則「{0}」有未儲存的修改, 要放棄嗎?</translation>
    </message>
    <message>
        <source>(新规则)</source>
        <translation>(新規則)</translation>
    </message>
    <message>
        <source>先在“维度与标签”里建一个标签, 规则才有标签可设。</source>
        <translation>先在「維度與標籤」裡建一個標籤, 規則才有標籤可設。</translation>
    </message>
    <message>
        <source>填写至少一个条件, 这里就会列出会被改变的群。</source>
        <translation>填寫至少一個條件, 這裡就會列出會被改變的群。</translation>
    </message>
    <message>
        <source>匹配 {0} 个群 (共 {1} 个未归档的群), 其中 {2} 个会改变, 其余已经是“{3}”。</source>
        <translation>符合 {0} 個群 (共 {1} 個未封存的群), 其中 {2} 個會改變, 其餘已經是「{3}」。</translation>
    </message>
    <message>
        <source>请先选择要设置的标签</source>
        <translation>請先選擇要設定的標籤</translation>
    </message>
    <message>
        <source>已保存规则“{0}”</source>
        <translation>已儲存規則「{0}」</translation>
    </message>
    <message>
        <source>删除规则“{0}”? 已经设置的标签不受影响。</source>
        <translation>刪除規則「{0}」? 已經設定的標籤不受影響。</translation>
    </message>
    <message>
        <source>已删除规则“{0}”</source>
        <translation>已刪除規則「{0}」</translation>
    </message>
    <message>
        <source>应用规则</source>
        <translation>套用規則</translation>
    </message>
    <message>
        <source>没有需要改变的群: 匹配的 {0} 个群都已经是“{1}”。</source>
        <translation>沒有需要改變的群: 符合的 {0} 個群都已經是「{1}」。</translation>
    </message>
    <message>
        <source>将给 {0} 个群设置“{1}”</source>
        <translation>將給 {0} 個群設定「{1}」</translation>
    </message>
    <message>
        <source>, 其中 {0} 个群原有的“{1}”标签会被替换</source>
        <translation>, 其中 {0} 個群原有的「{1}」標籤會被取代</translation>
    </message>
    <message>
        <source>。
应用后可以用 Ctrl+Z 撤销。继续吗?</source>
        <translation>。
套用後可以用 Ctrl+Z 復原。繼續嗎?</translation>
    </message>
    <message>
        <source>应用规则“{0}”</source>
        <translation>套用規則「{0}」</translation>
    </message>
    <message>
        <source>规则“{0}”已应用: {1} 个群已更改 (Ctrl+Z 撤销)</source>
        <translation>規則「{0}」已套用: {1} 個群已變更 (Ctrl+Z 復原)</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>导出供货单…</source>
        <extracomment>the 按团长 figures span every campaign and are read only when that tab is looked at</extracomment>
        <translation>匯出供貨單…</translation>
    </message>
    <message>
        <source>按商品和规格汇总的数量、金额、成本和毛利 (.xlsx), 发给供货商</source>
        <translation>按商品和規格彙總的數量、金額、成本和毛利 (.xlsx), 發給供貨商</translation>
    </message>
    <message>
        <source>导出自提单…</source>
        <translation>匯出自提單…</translation>
    </message>
    <message>
        <source>每个自提点一张工作表, 按楼号房号排序, 带打勾列; 手机号打码</source>
        <translation>每個自提點一張工作表, 按樓號房號排序, 帶打勾欄; 手機號打碼</translation>
    </message>
    <message>
        <source>打印自提单 (PDF)…</source>
        <translation>列印自提單 (PDF)…</translation>
    </message>
    <message>
        <source>可直接打印的自提单, 每个自提点一页起; 手机号打码</source>
        <translation>可直接列印的自提單, 每個自提點一頁起; 手機號打碼</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>規格</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>訂單數</translation>
    </message>
    <message>
        <source>销售额</source>
        <translation>銷售額</translation>
    </message>
    <message>
        <source>成本</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>毛利</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>自提点</source>
        <translation>自提點</translation>
    </message>
    <message>
        <source>(未指定)</source>
        <translation>(未指定)</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>人數</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>件數</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>已提货</source>
        <translation>已提貨</translation>
    </message>
    <message>
        <source>群</source>
        <translation>群</translation>
    </message>
    <message>
        <source>(未关联群)</source>
        <translation>(未關聯群)</translation>
    </message>
    <message>
        <source>退款</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>团长</source>
        <translation>團長</translation>
    </message>
    <message>
        <source>团购数</source>
        <translation>團購數</translation>
    </message>
    <message>
        <source>下单人</source>
        <translation>下單人</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>未付订单</source>
        <translation>未付訂單</translation>
    </message>
    <message>
        <source>应付</source>
        <translation>應付</translation>
    </message>
    <message>
        <source>还没付款的人:</source>
        <translation>還沒付款的人:</translation>
    </message>
    <message>
        <source>供货单</source>
        <translation>供貨單</translation>
    </message>
    <message>
        <source>按自提点</source>
        <translation>按自提點</translation>
    </message>
    <message>
        <source>按群</source>
        <translation>按群</translation>
    </message>
    <message>
        <source>按团长</source>
        <translation>按團長</translation>
    </message>
    <message>
        <source>所有团购活动按团长汇总, 不含已取消的订单</source>
        <translation>所有團購活動按團長彙總, 不含已取消的訂單</translation>
    </message>
    <message>
        <source>收款对账</source>
        <translation>收款對帳</translation>
    </message>
    <message>
        <source>选择一个团购活动查看汇总。</source>
        <translation>選擇一個團購活動查看彙總。</translation>
    </message>
    <message>
        <source>还没有有效订单: 在“订单”页快速下单或在“接龙”页粘贴接龙后, 这里会汇总供货单、自提点和收款。</source>
        <translation>還沒有有效訂單: 在「訂單」頁快速下單或在「接龍」頁貼上接龍後, 這裡會彙總供貨單、自提點和收款。</translation>
    </message>
    <message>
        <source>本团复购率 {0:.0%}</source>
        <translation>本團回購率 {0:.0%}</translation>
    </message>
    <message>
        <source>全部团购复购率 {0:.0%} ({1}/{2} 人)</source>
        <translation>全部團購回購率 {0:.0%} ({1}/{2} 人)</translation>
    </message>
    <message>
        <source>共 {0} 件 · 销售额 {1} · 成本 {2} · 毛利 {3}</source>
        <translation>共 {0} 件 · 銷售額 {1} · 成本 {2} · 毛利 {3}</translation>
    </message>
    <message>
        <source>已付款 {0} 单 {1} · 未付款 {2} 单 {3} · 已退款 {4} 单 {5} · 已取消 {6} 单
实收 {7}</source>
        <translation>已付款 {0} 單 {1} · 未付款 {2} 單 {3} · 已退款 {4} 單 {5} · 已取消 {6} 單
實收 {7}</translation>
    </message>
    <message>
        <source>导出供货单</source>
        <translation>匯出供貨單</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出供货单…</source>
        <translation>正在匯出供貨單…</translation>
    </message>
    <message>
        <source>供货单已保存到 {0}</source>
        <translation>供貨單已儲存到 {0}</translation>
    </message>
    <message>
        <source>导出自提单</source>
        <translation>匯出自提單</translation>
    </message>
    <message>
        <source>自提单</source>
        <translation>自提單</translation>
    </message>
    <message>
        <source>正在导出自提单…</source>
        <translation>正在匯出自提單…</translation>
    </message>
    <message>
        <source>自提单已保存到 {0}</source>
        <translation>自提單已儲存到 {0}</translation>
    </message>
    <message>
        <source>打印自提单</source>
        <translation>列印自提單</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 檔案 (*.pdf)</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>無法列印</translation>
    </message>
    <message>
        <source>自提单 PDF 已保存到 {0}</source>
        <translation>自提單 PDF 已儲存到 {0}</translation>
    </message>
    <message>
        <source>正在准备自提单…</source>
        <translation>正在準備自提單…</translation>
    </message>
</context>
<context>
    <name>TagsDialog</name>
    <message>
        <source>成员标签</source>
        <extracomment>colours offered to new tags in turn (Material 600s: readable as chips on white)</extracomment>
        <translation>成員標籤</translation>
    </message>
    <message>
        <source>还没有标签。点击“新建标签”, 或在成员表中选中成员后右键“打标签…”。</source>
        <translation>還沒有標籤。點擊「新增標籤」, 或在成員表中選取成員後按右鍵「加標籤…」。</translation>
    </message>
    <message>
        <source>新建标签…</source>
        <translation>新增標籤…</translation>
    </message>
    <message>
        <source>重命名… (F2)</source>
        <translation>重新命名… (F2)</translation>
    </message>
    <message>
        <source>颜色…</source>
        <translation>顏色…</translation>
    </message>
    <message>
        <source>删除 (Del)</source>
        <translation>刪除 (Del)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>{0}  ·  {1} 人</source>
        <translation>{0}  ·  {1} 人</translation>
    </message>
    <message>
        <source>新建标签</source>
        <translation>新增標籤</translation>
    </message>
    <message>
        <source>标签名:</source>
        <translation>標籤名稱:</translation>
    </message>
    <message>
        <source>已新建“{0}”</source>
        <translation>已新增「{0}」</translation>
    </message>
    <message>
        <source>重命名标签</source>
        <translation>重新命名標籤</translation>
    </message>
    <message>
        <source>新名称:</source>
        <translation>新名稱:</translation>
    </message>
    <message>
        <source>已改名为“{0}”</source>
        <translation>已改名為「{0}」</translation>
    </message>
    <message>
        <source>标签颜色</source>
        <translation>標籤顏色</translation>
    </message>
    <message>
        <source>已换颜色</source>
        <translation>已換顏色</translation>
    </message>
    <message>
        <source>删除标签“{0}”?</source>
        <translation>刪除標籤「{0}」?</translation>
    </message>
    <message>
        <source>{0} 位成员会失去这个标签 (成员本身不受影响)。</source>
        <translation>{0} 位成員會失去這個標籤 (成員本身不受影響)。</translation>
    </message>
    <message>
        <source>删除标签</source>
        <translation>刪除標籤</translation>
    </message>
    <message>
        <source>已删除, {0} 位成员失去该标签</source>
        <translation>已刪除, {0} 位成員失去該標籤</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>报告目标</source>
        <extracomment>figures where less is better: their targets are ceilings and a fall is good news each figure key&apos;s unit (the domain knows it; a zero report tells us without a database)</extracomment>
        <translation>報告目標</translation>
    </message>
    <message>
        <source>每期的目标数字, 报告里显示完成度。金额按元填写, 复购率按百分比填写; 0 表示不设目标。退群人数、沉默群数和退款额的目标是上限。</source>
        <translation>每期的目標數字, 報告裡顯示達成率。金額以元填寫, 回購率以百分比填寫; 0 表示不設目標。退群人數、沉默群數和退款額的目標是上限。</translation>
    </message>
    <message>
        <source>全部清除</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <source>不设</source>
        <translation>不設</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>操作失败</source>
        <extracomment>runs on the single writer: its transactions take SQLite&apos;s write lock before reading</extracomment>
        <translation>操作失敗</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>编辑模板</source>
        <translation>編輯範本</translation>
    </message>
    <message>
        <source>新建模板</source>
        <translation>新建範本</translation>
    </message>
    <message>
        <source>例如: 截单提醒</source>
        <translation>例如: 截單提醒</translation>
    </message>
    <message>
        <source>文本</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>例如: {群名}的家人们, 本期团购 {截单时间} 截单, 团长 {团长} 在群里答疑~</source>
        <translation>例如: {群名}的家人們, 本期團購 {截单时间} 截單, 團長 {团长} 在群裡答疑~</translation>
    </message>
    <message>
        <source>图片和文件只用于手动发送 (在“待发送”里复制); 机器人群只发文字</source>
        <translation>圖片和檔案只用於手動發送 (在“待發送”裡複製); 機器人群只發文字</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>附件</translation>
    </message>
</context>
<context>
    <name>TierSuggestionsDialog</name>
    <message>
        <source>客户等级建议</source>
        <translation>客戶等級建議</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>建議</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>依據</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>正在計算…</translation>
    </message>
    <message>
        <source>应用勾选的建议</source>
        <translation>套用勾選的建議</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>全選</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>全不選</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>不用</source>
        <translation>不用</translation>
    </message>
    <message>
        <source>规则: 发言达到 {0} 次 → 粉丝; 付款订单达到 {1} 笔 → 会员; 推荐达到 {2} 人 → 合伙人候选。只会往上调, 调整原因记入等级历史。规则可在 设置 → 客户阶梯与活跃度规则 里修改。</source>
        <translation>規則: 發言達到 {0} 次 → 粉絲; 付款訂單達到 {1} 筆 → 會員; 推薦達到 {2} 人 → 合夥人候選。只會往上調, 調整原因記入等級歷史。規則可在 設定 → 客戶階梯與活躍度規則 裡修改。</translation>
    </message>
    <message>
        <source>正在计算等级建议…</source>
        <translation>正在計算等級建議…</translation>
    </message>
    <message>
        <source>{0} 条建议</source>
        <translation>{0} 條建議</translation>
    </message>
    <message>
        <source>目前没有需要调整等级的成员。</source>
        <translation>目前沒有需要調整等級的成員。</translation>
    </message>
    <message>
        <source>等级建议: </source>
        <translation>等級建議: </translation>
    </message>
    <message>
        <source>已调整 {0} 位成员的等级</source>
        <translation>已調整 {0} 位成員的等級</translation>
    </message>
    <message>
        <source>等级建议</source>
        <translation>等級建議</translation>
    </message>
</context>
<context>
    <name>VariableButtons</name>
    <message>
        <source>插入变量:</source>
        <extracomment>preview at most this many groups at once (the combo lists them; 500 renders are still quick) more sends than this within 7 days earns a warning (a typo like FREQ=HOURLY floods groups)</extracomment>
        <translation>插入變數:</translation>
    </message>
    <message>
        <source>插入 {0}: 发送时换成每个群自己的值</source>
        <translation>插入 {0}: 發送時換成每個群自己的值</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>微信</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>企业微信</source>
        <translation>企業微信</translation>
    </message>
    <message>
        <source>QQ</source>
        <translation>QQ</translation>
    </message>
    <message>
        <source>抖音</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>小红书</source>
        <translation>小紅書</translation>
    </message>
    <message>
        <source>微博</source>
        <translation>微博</translation>
    </message>
    <message>
        <source>钉钉</source>
        <translation>釘釘</translation>
    </message>
    <message>
        <source>飞书</source>
        <translation>飛書</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>活跃</source>
        <translation>活躍</translation>
    </message>
    <message>
        <source>沉默</source>
        <translation>沉默</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>已封存</translation>
    </message>
    <message>
        <source>长期群</source>
        <translation>長期群組</translation>
    </message>
    <message>
        <source>短期群</source>
        <translation>短期群組</translation>
    </message>
    <message>
        <source>核心</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>参与</source>
        <translation>參與</translation>
    </message>
    <message>
        <source>观望</source>
        <translation>觀望</translation>
    </message>
    <message>
        <source>目标用户</source>
        <translation>目標用戶</translation>
    </message>
    <message>
        <source>粉丝</source>
        <translation>粉絲</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>會員</translation>
    </message>
    <message>
        <source>合伙人</source>
        <translation>合夥人</translation>
    </message>
    <message>
        <source>组织者</source>
        <translation>組織者</translation>
    </message>
    <message>
        <source>思考者</source>
        <translation>思考者</translation>
    </message>
    <message>
        <source>清谈者</source>
        <translation>清談者</translation>
    </message>
    <message>
        <source>求教者</source>
        <translation>求教者</translation>
    </message>
    <message>
        <source>围观者</source>
        <translation>圍觀者</translation>
    </message>
    <message>
        <source>挑战者</source>
        <translation>挑戰者</translation>
    </message>
    <message>
        <source>发言</source>
        <translation>發言</translation>
    </message>
    <message>
        <source>提问</source>
        <translation>提問</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>投訴</translation>
    </message>
    <message>
        <source>表扬</source>
        <translation>表揚</translation>
    </message>
    <message>
        <source>购买</source>
        <translation>購買</translation>
    </message>
    <message>
        <source>转介绍</source>
        <translation>轉介紹</translation>
    </message>
    <message>
        <source>进群</source>
        <translation>入群</translation>
    </message>
    <message>
        <source>退群</source>
        <translation>退群</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>活動</translation>
    </message>
    <message>
        <source>私聊</source>
        <translation>私聊</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>未付款</source>
        <translation>未付款</translation>
    </message>
    <message>
        <source>已付款</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>已退款</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>待提货</source>
        <translation>待取貨</translation>
    </message>
    <message>
        <source>已提货</source>
        <translation>已取貨</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>已送達</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>已截单</source>
        <translation>已截單</translation>
    </message>
    <message>
        <source>已结算</source>
        <translation>已結算</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用群管家</source>
        <translation>歡迎使用群管家</translation>
    </message>
    <message>
        <source>在一个地方管理你运营的所有群: 按平台、状态和标签分类, 用拼音秒搜, 随手编辑和归档。
数据只保存在这台电脑上:</source>
        <translation>在同一個地方管理你經營的所有群組: 依平台、狀態和標籤分類, 用拼音快速搜尋, 隨手編輯和封存。
資料只儲存在這台電腦上:</translation>
    </message>
    <message>
        <source>创建演示工作区</source>
        <translation>建立示範工作區</translation>
    </message>
    <message>
        <source>生成 300 个群、2 万名成员和半年的互动记录, 先看看群管家能做什么</source>
        <translation>產生 300 個群組、2 萬名成員和半年的互動紀錄, 先看看群管家能做什麼</translation>
    </message>
    <message>
        <source>添加第一个群</source>
        <translation>新增第一個群組</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>從 Excel 匯入…</translation>
    </message>
    <message>
        <source>导入手头的群列表、成员表或聊天记录导出</source>
        <translation>匯入手邊的群列表、成員表或聊天記錄匯出檔</translation>
    </message>
</context>
</TS>
