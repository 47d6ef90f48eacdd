import { isOptInReply, isOptOutReply } from '../consent/recipients';

export type ChatbotIntent = 'tagihan' | 'bayar' | 'status' | 'bukti' | 'stop' | 'mulai' | 'human';

/**
 * What a customer's WhatsApp message asks for (000_ §9 chatbot: cek tagihan, link bayar, kirim bukti, status
 * layanan): "tagihan" / "cek tagihan", "bayar", "status", "bukti" or any photo, "STOP" / "MULAI" for broadcasts;
 * anything else goes to a person.
 */
export function chatbotIntentOf(text: string, hasImage: boolean): ChatbotIntent {
  if (hasImage) return 'bukti';
  if (isOptOutReply(text)) return 'stop';
  if (isOptInReply(text)) return 'mulai';
  const words = text.trim().toLowerCase().replace(/[^a-z\s]/g, ' ').split(/\s+/).filter(Boolean);
  const command = words[0] === 'cek' ? words.slice(1) : words;
  if (command.length === 1 && ['tagihan', 'bayar', 'status', 'bukti'].includes(command[0])) return command[0] as ChatbotIntent;
  return 'human';
}
